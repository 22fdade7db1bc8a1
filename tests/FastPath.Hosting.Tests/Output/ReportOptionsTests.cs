using System.CommandLine;
using System.Net;
using FastPath.Hosting.Output;

namespace FastPath.Hosting.Tests.Output;

public sealed class ReportOptionsTests
{
    [Fact]
    public void TheDefaultsAreTextNoCrankAndNoEndpointOnLoopback()
    {
        ReportSettings settings = Read();
        Assert.Equal(OutputFormat.Text, settings.Output);
        Assert.False(settings.Crank);
        Assert.Equal(0, settings.MetricsPort);
        Assert.Equal(IPAddress.Loopback, settings.MetricsAddress);
    }

    [Fact]
    public void ReadsEveryOption()
    {
        ReportSettings settings = Read("--output", "json", "--metrics-port", "9464", "--metrics-address", "::1");
        Assert.Equal(OutputFormat.Json, settings.Output);
        Assert.Equal(9464, settings.MetricsPort);
        Assert.Equal(IPAddress.IPv6Loopback, settings.MetricsAddress);
        Assert.True(Read("--crank").Crank);
    }

    [Theory]
    [InlineData("--output xml is not an output format; give text or json.", "--output", "xml")]
    [InlineData("--crank and --output json both claim stdout", "--crank", "--output", "json")]
    [InlineData("--metrics-port 65536 is not a TCP port; give 1 to 65535", "--metrics-port", "65536")]
    [InlineData("--metrics-port -1 is not a TCP port", "--metrics-port", "-1")]
    [InlineData("--metrics-address 'localhost' is not an IP address", "--metrics-address", "localhost")]
    public void BadValuesNameTheOptionAndTheFix(string expected, params string[] args)
    {
        UsageException exception = Assert.Throws<UsageException>(() => Read(args));
        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    private static ReportSettings Read(params string[] args)
    {
        var options = new ReportOptions();
        var root = new RootCommand("test");
        options.AddTo(root);
        ParseResult result = root.Parse(args);
        Assert.Empty(result.Errors);
        return options.Read(result);
    }
}
