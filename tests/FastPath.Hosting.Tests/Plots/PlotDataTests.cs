using FastPath.Hosting.Plots;

namespace FastPath.Hosting.Tests.Plots;

public sealed class PlotDataTests
{
    [Fact]
    public void Data_written_reads_back_the_same()
    {
        var data = new PlotData
        {
            Title = "pktgen --rx af_packet:veth1",
            Width = 800,
            Height = 300,
            Rates = [(1_000_000, 64_000_000), (0, 0), (14_880_952, 892_857_120)],
            Latency = [(31, 5), (4_095, 1_000), (1_048_575, 2)],
        };
        using var text = new StringWriter();
        data.Write(text);

        PlotData read = PlotData.Read(new StringReader(text.ToString()));

        Assert.StartsWith(PlotData.Header + Environment.NewLine, text.ToString());
        Assert.Equal((data.Title, data.Width, data.Height), (read.Title, read.Width, read.Height));
        Assert.Equal(data.Rates, read.Rates);
        Assert.Equal(data.Latency, read.Latency);
    }

    [Theory]
    [InlineData("plot 2\n", "Line 1 is 'plot 2'")]
    [InlineData("fastpath-plot 1\nrate 5\n", "Line 2 ('5') does not hold two whole numbers")]
    [InlineData("fastpath-plot 1\ntitle x\ncolour red\n", "Line 3 starts with 'colour'")]
    public void Bad_data_is_refused_naming_the_line(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => PlotData.Read(new StringReader(text))).Message);
}
