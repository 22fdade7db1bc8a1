using System.Diagnostics;
using FastPath.Testing;

namespace FastPath.Apps.Tests;

/// <summary>
/// Runs a built application (l2fwd or pktgen) as a child process. The apps take hugepages when there are any
/// (the default Prefer policy), so each holds <see cref="HugepageLock"/> shared while it runs, unless this process
/// holds it exclusively already (a test that reserves hugepages for its own apps).
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly HugepageLock? _hugepages;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private AppProcess(Process process, HugepageLock? hugepages)
    {
        _process = process;
        _hugepages = hugepages;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public static AppProcess Start(string app, params string[] args) => StartInNamespace(null, app, args);

    /// <summary>Starts the application inside network namespace <paramref name="networkNamespace"/> (null: this one).</summary>
    public static AppProcess StartInNamespace(string? networkNamespace, string app, params string[] args)
    {
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (string arg in new[] { "netns", "exec", networkNamespace, "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, app + ".dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        HugepageLock? hugepages = HugepageLock.HeldExclusivelyHere ? null : HugepageLock.Shared();
        try
        {
            return new AppProcess(Process.Start(info)!, hugepages);
        }
        catch
        {
            hugepages?.Dispose();
            throw;
        }
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string app, params string[] args)
    {
        using AppProcess process = Start(app, args);
        return process.WaitForExit(TimeSpan.FromMinutes(2));
    }

    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The process did not exit within {timeout}; stderr: {_stderr.Result}");
        }

        return (_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    /// <summary>Sends SIGTERM, as a service manager would.</summary>
    public void Terminate() => Shell.Run("kill", "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _hugepages?.Dispose();
    }
}
