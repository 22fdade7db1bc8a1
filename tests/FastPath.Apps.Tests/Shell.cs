using System.Diagnostics;

namespace FastPath.Apps.Tests;

/// <summary>Runs system tools (ip, ping, iperf3, ethtool) for the end-to-end tests.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] args)
    {
        (int exitCode, string output) = TryRun(file, args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {exitCode}: {output}");
        }

        return output;
    }

    public static (int ExitCode, string Output) TryRun(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static bool Exists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
