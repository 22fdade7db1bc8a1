namespace FastPath.CompareReport.Tests;

public sealed class CompareSampleTests
{
    [Fact]
    public void ReadsTabSeparatedSamplesAndSkipsCommentsAndBlankLines()
    {
        IReadOnlyList<CompareSample> samples = CompareSample.Parse(["# run of 2026-12-01", "", "null-io\tio forward\tMpps\tfastpath\t2\t141.5"]);

        Assert.Equal([new CompareSample("null-io", "io forward", "Mpps", "fastpath", 2, 141.5)], samples);
    }

    [Theory]
    [InlineData("null-io\tio forward\tMpps\tfastpath\t1")]
    [InlineData("null-io\tio forward\tpps\tfastpath\t1\t3")]
    [InlineData("null-io\tio forward\tMpps\ttestpmd\t1\t3")]
    [InlineData("null-io\tio forward\tMpps\tdpdk\t1\tn/a")]
    [InlineData("null-io\tio forward\tMpps\tdpdk\t1\t0")]
    public void RejectsAMalformedLineNamingItsNumber(string line)
    {
        FormatException error = Assert.Throws<FormatException>(() => CompareSample.Parse(["# header", line]));

        Assert.Contains("line 2", error.Message);
    }
}
