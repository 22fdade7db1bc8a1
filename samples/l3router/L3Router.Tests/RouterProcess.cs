using System.Diagnostics;
using System.Globalization;

namespace L3Router.Tests;

/// <summary>Runs L3Router.dll (built next to the tests) as a child process, and system tools for the veth test.</summary>
internal sealed class RouterProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private RouterProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string RouterDll => Path.Combine(AppContext.BaseDirectory, "L3Router.dll");

    public static RouterProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RouterDll);
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        return new RouterProcess(Process.Start(info)!);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using RouterProcess router = Start(args);
        return router.WaitForExit(TimeSpan.FromMinutes(1));
    }

    public bool HasExited => _process.HasExited;

    public string StderrSoFar => _stderr.IsCompleted ? _stderr.Result : "(still running)";

    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException($"l3router did not exit within {timeout}; stdout: {_stdout.Result} stderr: {_stderr.Result}");
        }

        return (_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    /// <summary>SIGTERM, as systemd's stop sends.</summary>
    public void Terminate() => Shell.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>Runs ip, ping, iperf3 and friends.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] args)
    {
        (int exitCode, string output) = TryRun(file, args);
        if (exitCode != 0)
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {exitCode}: {output}");
        return output;
    }

    public static (int ExitCode, string Output) TryRun(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static bool Exists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
