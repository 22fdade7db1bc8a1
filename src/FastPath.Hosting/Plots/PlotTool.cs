using System.Diagnostics;

namespace FastPath.Hosting.Plots;

/// <summary>
/// Runs <c>fastpath-plot</c> (apps/plot), which draws <see cref="PlotData"/> as a PNG with ScottPlot. The drawing
/// lives in a tool of its own so that pktgen's NativeAOT publish does not depend on whether ScottPlot and SkiaSharp
/// (a native library underneath) trim cleanly; pktgen only writes numbers to a file. The tool is looked for next to the running application.
/// </summary>
public static class PlotTool
{
    /// <summary>The tool's assembly file name.</summary>
    public const string AssemblyFile = "fastpath-plot.dll";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>Where the tool is: next to the running application's own files.</summary>
    public static string Location => Path.Combine(AppContext.BaseDirectory, AssemblyFile);

    /// <summary>Whether the tool is there.</summary>
    public static bool IsAvailable => File.Exists(Location);

    /// <summary>The one line that tells how to make the tool available.</summary>
    public static string HowToInstall =>
        $"fastpath-plot is not next to this application ({Location} is missing); build it there with dotnet publish apps/plot -c Release -o {AppContext.BaseDirectory.TrimEnd('/')} (or drop --plot).";

    /// <summary>Writes <paramref name="data"/> to a temporary file and has the tool draw it to <paramref name="pngPath"/>.</summary>
    /// <returns>null on success, else the tool's complaint in one line.</returns>
    public static string? Draw(PlotData data, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pngPath);
        if (!IsAvailable)
        {
            return HowToInstall;
        }

        string dataPath = Path.Combine(Path.GetTempPath(), $"fastpath-plot-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            using (var writer = new StreamWriter(dataPath))
            {
                data.Write(writer);
            }

            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { Location, dataPath, Path.GetFullPath(pngPath) })
            {
                info.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"fastpath-plot did not finish within {s_timeout.TotalSeconds:0} s.";
            }

            string complaint = (stderr.Result + stdout.Result).Trim().ReplaceLineEndings(" ");
            return process.ExitCode == 0 ? null : $"fastpath-plot exited with {process.ExitCode}: {complaint}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"Cannot run fastpath-plot: {exception.Message}";
        }
        finally
        {
            File.Delete(dataPath);
        }
    }
}
