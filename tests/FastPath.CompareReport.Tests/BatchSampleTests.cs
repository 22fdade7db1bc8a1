namespace FastPath.CompareReport.Tests;

public sealed class BatchSampleTests
{
    [Fact]
    public void ReadsTabSeparatedPointsAndSkipsCommentsAndBlankLines()
    {
        IReadOnlyList<BatchSample> samples = BatchSample.Parse(["# sweep", "", "null-io\tnull port io forward\t16\t2\t12.5"]);

        Assert.Equal([new BatchSample("null-io", "null port io forward", 16, 2, 12.5)], samples);
    }

    [Theory]
    [InlineData("null-io\tnull port\t16\t2")]
    [InlineData("null-io\tnull port\t0\t2\t12.5")]
    [InlineData("null-io\tnull port\tall\t2\t12.5")]
    [InlineData("null-io\tnull port\t16\t2\tn/a")]
    [InlineData("null-io\tnull port\t16\t2\t-1")]
    public void RejectsAMalformedLineNamingItsNumber(string line)
    {
        FormatException error = Assert.Throws<FormatException>(() => BatchSample.Parse(["# header", line]));

        Assert.Contains("line 2", error.Message);
    }
}
