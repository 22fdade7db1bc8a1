using System.Diagnostics;
using System.Text;

namespace FastPath.Packaging.Tests;

/// <summary>The outcome of an external command: its exit code and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"'{Command}' exited with {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}";
}

/// <summary>Runs the dotnet CLI (or an installed command) with a timeout, capturing its output.</summary>
public static class ProcessRunner
{
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, params string[] args) =>
        Run("dotnet", workingDirectory, timeout, args);

    public static ProcessResult Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // The test host's MSBuild settings must not leak into the child builds.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        string command = $"{fileName} {string.Join(' ', args)}";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(command, -1, stdout.ToString(), $"{stderr}{Environment.NewLine}(killed after {timeout.TotalSeconds:0} s)");
        }

        process.WaitForExit(); // drains the asynchronous readers (nothing else holds the pipes: no node reuse)
        return new ProcessResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
