using System.Text.Json;
using FastPath.CompareReport;

// bench/compare/run.sh's report step:
//   summarize SAMPLES.tsv [--batch BATCH.tsv] JSON [KEY=VALUE ...]   samples of one run, its batch-size sweep (and
//                                                                   where it ran) -> the result file
//   render JSON CHART.png [BATCH_CHART.png] README.md                the result file -> the charts and the README's tables
var json = new JsonSerializerOptions { WriteIndented = true };
try
{
    switch (args)
    {
        case ["summarize", string samplesPath, "--batch", string batchPath, string jsonPath, .. string[] machine]:
            return Summarize(samplesPath, BatchSample.Parse(File.ReadLines(batchPath)), jsonPath, machine);
        case ["summarize", string samplesPath, string jsonPath, .. string[] machine]:
            return Summarize(samplesPath, [], jsonPath, machine);
        case ["render", string jsonPath, string chartPath, string readmePath]:
            return Render(jsonPath, chartPath, null, readmePath);
        case ["render", string jsonPath, string chartPath, string batchChartPath, string readmePath]:
            return Render(jsonPath, chartPath, batchChartPath, readmePath);
        default:
            Console.Error.WriteLine("usage: FastPath.CompareReport summarize SAMPLES.tsv [--batch BATCH.tsv] OUT.json [KEY=VALUE ...] | render IN.json OUT.png [BATCH.png] README.md");
            return 2;
    }
}
catch (Exception exception) when (exception is FormatException or InvalidOperationException or IOException or JsonException)
{
    Console.Error.WriteLine($"compare report: {exception.Message}");
    return 1;
}

int Summarize(string samplesPath, IReadOnlyList<BatchSample> batch, string jsonPath, string[] machine)
{
    IReadOnlyList<CompareSample> samples = CompareSample.Parse(File.ReadLines(samplesPath));
    var details = machine.Select(m => m.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length == 2 ? kv[1] : throw new FormatException($"'{string.Join('=', kv)}' is not KEY=VALUE."));
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(CompareSummary.Summarize(samples, details, batch), json) + "\n");
    return 0;
}

int Render(string jsonPath, string chartPath, string? batchChartPath, string readmePath)
{
    CompareResult result = JsonSerializer.Deserialize<CompareResult>(File.ReadAllText(jsonPath), json)
        ?? throw new FormatException($"{jsonPath} holds no comparison result.");
    if (result.Schema != CompareResult.CurrentSchema)
    {
        throw new FormatException($"{jsonPath} has schema {result.Schema}; this tool reads schema {CompareResult.CurrentSchema}. Rerun bench/compare/run.sh.");
    }

    ComparisonChart.Write(result, chartPath);
    string root = Path.GetDirectoryName(Path.GetFullPath(readmePath))!;
    string? batchChart = null;
    if (batchChartPath is not null && result.Batch.Count > 0)
    {
        BatchSizeChart.Write(result, batchChartPath);
        batchChart = Path.GetRelativePath(root, batchChartPath);
    }

    string section = ReadmeSection.Render(result, Path.GetRelativePath(root, jsonPath), Path.GetRelativePath(root, chartPath), batchChart);
    File.WriteAllText(readmePath, ReadmeSection.Replace(File.ReadAllText(readmePath), section));
    return 0;
}
