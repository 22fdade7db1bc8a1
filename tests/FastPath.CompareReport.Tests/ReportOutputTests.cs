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

    // The same-core series is the cheaper one: the projection must still come from the cross-core series.
    private static CompareResult WithSweep => CompareSummary.Summarize(
        [new("null-io", "io forward, 2 null ports", "Mpps", "fastpath", 1, 140), new("null-io", "io forward, 2 null ports", "Mpps", "dpdk", 1, 70)],
        new Dictionary<string, string> { ["date"] = "2026-12-01", ["tsc_mhz"] = "2450.000" },
        [new("intel-forward-same-core", "Intel ring forward, same core", 1, 1, 90), new("intel-forward-same-core", "Intel ring forward, same core", 32, 1, 30),
         new(BatchSweep.ProjectionSeries, "Intel ring forward, other core", 1, 1, 98), new(BatchSweep.ProjectionSeries, "Intel ring forward, other core", 32, 1, 49),
         new(BatchSweep.ProjectionSeries, "Intel ring forward, other core", 256, 1, 40)]);

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
    public void TheBatchChartIsAPngOfTheAskedSize()
    {
        string path = Path.Combine(_directory, "batch.png");

        BatchSizeChart.Write(WithSweep, path, 900, 450);

        using SKBitmap bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal((900, 450), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void ARunWithoutASweepHasNoBatchChartAndNoBatchTable()
    {
        Assert.Throws<InvalidOperationException>(() => BatchSizeChart.Write(Result, Path.Combine(_directory, "batch.png")));
        Assert.DoesNotContain("batch size", ReadmeSection.Render(Result, "x.json", "x.png", "x-batch.png"));
    }

    [Fact]
    public void TheBatchTableHasARowPerBurstTheGoalRatioAndTheCrossCoreProjection()
    {
        string section = ReadmeSection.Render(WithSweep, "bench/results/x-compare.json", "bench/results/x-compare.png", "bench/results/x-batch-size.png");

        Assert.Contains("| burst | Intel ring forward, same core | Intel ring forward, other core |", section);
        Assert.Contains("| 1 | 90.0 (90.0–90.0) | 98.0 (98.0–98.0) |", section);
        Assert.Contains("| 256 | | 40.0 (40.0–40.0) |", section);
        Assert.Contains("| burst 1 / burst 32 | **3.00×** (goal missed) | **2.00×** (goal met) |", section);
        Assert.Contains("Projected per core: **50.0 Mpps** (2450 MHz TSC / 49.0 cycles per packet of the Intel ring forward, other core, burst 32)", section);
        Assert.Contains("![FastPath cost against batch size](bench/results/x-batch-size.png)", section);
    }

    [Fact]
    public void TheResultSurvivesTheJsonRoundTripTheRenderStepReads()
    {
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        CompareResult back = System.Text.Json.JsonSerializer.Deserialize<CompareResult>(System.Text.Json.JsonSerializer.Serialize(WithSweep, options), options)!;

        Assert.Equal(2, back.Schema);
        Assert.Equal(ReadmeSection.Render(WithSweep, "a.json", "a.png", "b.png"), ReadmeSection.Render(back, "a.json", "a.png", "b.png"));
    }

    [Fact]
    public void AReadmeWithoutTheMarkersIsAnErrorNamingThem()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => ReadmeSection.Replace("# FastPath\n", "table"));

        Assert.Contains(ReadmeSection.Begin, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
