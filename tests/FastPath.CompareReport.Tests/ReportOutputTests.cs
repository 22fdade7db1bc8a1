using SkiaSharp;

namespace FastPath.CompareReport.Tests;

public sealed class ReportOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fastpath-compare-").FullName;

    private static CompareResult Result => CompareSummary.Summarize(
        [new("null-io", "io forward, 2 null ports", "Mpps", "fastpath", 1, 140), new("null-io", "io forward, 2 null ports", "Mpps", "dpdk", 1, 70),
         new("mempool-get-put-1", "mempool get+put, bulk 1", "cycles", "fastpath", 1, 18), new("mempool-get-put-1", "mempool get+put, bulk 1", "cycles", "dpdk", 1, 11),
         new("af-packet", "AF_PACKET", "Mpps", "dpdk", 1, 0.2)],
        new Dictionary<string, string> { ["date"] = "2026-12-01", ["cores"] = "2" });

    [Fact]
    public void TheChartIsAPngOfTheAskedSize()
    {
        string path = Path.Combine(_directory, "compare.png");

        ComparisonChart.Write(Result, path, 800, 400);

        using SKBitmap bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void TheReadmeTableIsReplacedBetweenTheMarkersOnly()
    {
        string readme = $"# FastPath\n\nbefore\n{ReadmeSection.Begin}\n| old | 1 |\n{ReadmeSection.End}\nafter\n";

        string updated = ReadmeSection.Replace(readme, ReadmeSection.Render(Result, "bench/results/x-compare.json", "bench/results/x-compare.png"));

        Assert.StartsWith("# FastPath\n\nbefore\n" + ReadmeSection.Begin, updated);
        Assert.EndsWith(ReadmeSection.End + "\nafter\n", updated);
        Assert.DoesNotContain("| old |", updated);
        Assert.Contains("| io forward, 2 null ports | Mpps | 140 (140–140) | 70 (70–70) | **2.00** (2.00–2.00) |", updated);
        Assert.Contains("| mempool get+put, bulk 1 | cycles | 18 (18–18) | 11 (11–11) | **0.61** (0.61–0.61) |", updated);
        Assert.Contains("![FastPath vs DPDK](bench/results/x-compare.png)", updated);
        Assert.Contains("Not compared in this run: af-packet: fastpath printed no figure in any round", updated);
    }

    [Fact]
    public void AReadmeWithoutTheMarkersIsAnErrorNamingThem()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => ReadmeSection.Replace("# FastPath\n", "table"));

        Assert.Contains(ReadmeSection.Begin, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
