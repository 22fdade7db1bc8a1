using System.CommandLine;
using CsCheck;
using FastPath.Hosting.Cli;

namespace FastPath.Hosting.Tests.Cli;

/// <summary>
/// Fuzzes the options both applications share: any argument list either parses into settings or fails with a parse
/// error or a <see cref="UsageException"/> (exit code 2 and one line), never with another exception.
/// </summary>
public sealed class CommonOptionsFuzzTests
{
    private static readonly string[] Names = ["--port", "-p", "--lcores", "-l", "--duration", "-d", "--burst", "--pool-size", "--hugepages", "--stats-interval", "--no-pin", "--log-level", "--output", "--crank", "--metrics-port", "--metrics-address"];

    private static readonly string[] Values =
    [
        "0", "1", "-1", "32", "512", "513", "1024", "16384", "2147483648", "1e308", "1e309", "-1e309", "Infinity", "-Infinity", "NaN", "∞",
        "0.5", "1e-300", "922337203685", "0-1", "0,1", "1-0", "0-4095", "4096", "0,0", " ", "", ",", "-", "Never", "Prefer", "Require", "Trace", "7",
        "null:rx=64", "ring:a", "pcap:x.pcap", "text", "json", "65535", "65536", "::1", "0.0.0.0", "localhost",
    ];

    private static readonly Gen<string> Token = Gen.Frequency(
        (4, Gen.OneOf(Names)),
        (4, Gen.OneOf(Values)),
        (1, Gen.Char["-0123456789.,eE:=+ aIN"].Array[0, 12].Select(c => new string(c))));

    /// <summary>Reads the parse result as the applications do, with lcore 0 as their default.</summary>
    private static CommonSettings? ParseAndRead(string[] args)
    {
        var options = new CommonOptions();
        var root = new RootCommand("fuzz");
        options.AddTo(root);
        ParseResult result = root.Parse(args);
        return result.Errors.Count > 0 ? null : options.Read(result, "0");
    }

    /// <summary>A regression case the campaign found: --duration or --stats-interval beyond TimeSpan's range threw OverflowException.</summary>
    [Theory]
    [InlineData("--duration", "1e309")]
    [InlineData("--duration", "1e300")]
    [InlineData("--stats-interval", "Infinity")]
    [InlineData("--duration", "922337203686")]
    [InlineData("--duration", "NaN")]
    public void SecondsBeyondTimeSpanAreAUsageError(string option, string value)
    {
        var error = Assert.Throws<UsageException>(() => ParseAndRead([option, value, "--no-pin"]));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyArgumentListParsesOrFailsWithAUsageError()
    {
        FuzzBudget.Run(Token.Array[0, 10], args =>
        {
            try
            {
                CommonSettings? settings = ParseAndRead(args);
                if (settings is not null)
                {
                    Assert.InRange(settings.BurstSize, 1, 512);
                    Assert.True(settings.PoolSize >= 1024);
                    Assert.True(settings.Duration >= TimeSpan.Zero && settings.StatsInterval >= TimeSpan.Zero);
                    Assert.NotEmpty(settings.Lcores);
                }
            }
            catch (UsageException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.DoesNotContain('\n', error.Message);
            }
        }, args => string.Join(' ', args.Select(a => $"'{a}'")));
    }
}
