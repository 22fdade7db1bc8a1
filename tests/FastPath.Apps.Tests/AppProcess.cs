using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastPath.Testing;

namespace FastPath.Apps.Tests;

/// <summary>
/// Runs a built application (l2fwd or pktgen) as a child process, collecting its output line by line so that a test
/// can wait for a line while it runs. The apps take hugepages when there are any (the default Prefer policy), so each
/// holds <see cref="HugepageLock"/> shared while it runs, unless this process holds it exclusively already (a test
/// that reserves hugepages for its own apps).
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly HugepageLock? _hugepages;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    private AppProcess(Process process, HugepageLock? hugepages)
    {
        _process = process;
        _hugepages = hugepages;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static AppProcess Start(string app, params string[] args) => StartInNamespace(null, app, args);

    /// <summary>Starts the application with <paramref name="environment"/> added to its environment.</summary>
    public static AppProcess StartWithEnvironment(IReadOnlyDictionary<string, string> environment, string app, params string[] args) =>
        StartInNamespace(null, app, args, environment);

    /// <summary>Starts the application inside network namespace <paramref name="networkNamespace"/> (null: this one).</summary>
    public static AppProcess StartInNamespace(string? networkNamespace, string app, params string[] args) => StartInNamespace(networkNamespace, app, args, null);

    private static AppProcess StartInNamespace(string? networkNamespace, string app, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        // The app starts with SIGINT at its default, as a foreground program a user presses Ctrl+C in: a test run
        // from a script's background job inherits SIGINT ignored, the runtime (rightly) keeps an inherited ignore, and
        // the app would never see the SIGINT a test sends it. `env --default-signal` resets it before the app starts.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        foreach (string arg in networkNamespace is null ? ["dotnet"] : new[] { "ip", "netns", "exec", networkNamespace, "dotnet" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
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

    /// <summary>Waits until standard output or standard error holds <paramref name="text"/>; false on timeout or exit.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            lock (_lock)
            {
                if (_stdout.ToString().Contains(text, StringComparison.Ordinal) || _stderr.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (_process.HasExited)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return false;
    }

    /// <summary>
    /// Waits for the banner an app prints once its ports are started ("Forwarding between", "pktgen --rx:",
    /// "pktgen: "): frames sent before it may meet a port not yet listening (an XDP program not yet attached).
    /// </summary>
    public void WaitForStart(string banner)
    {
        if (!WaitForOutput(banner, TimeSpan.FromSeconds(60)))
        {
            lock (_lock)
            {
                throw new TimeoutException($"'{banner}' did not appear within 60 s (exited: {_process.HasExited}); stdout: {Text(_stdout)}; stderr: {Text(_stderr)}");
            }
        }
    }

    /// <summary>
    /// The margin after <see cref="WaitForStart"/> before a test that counts every frame sends: the banner follows the
    /// ports' start, but the lcore threads are still starting and compiling their loops. On CI, with the other test
    /// assemblies running beside, that took over a second once: the first 467 frames of a 20 kpps burst overflowed
    /// l2fwd's AF_PACKET ring before its lcore polled.
    /// </summary>
    public static void Settle() => Thread.Sleep(TimeSpan.FromSeconds(2));

    public (int ExitCode, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            string threads = Threads();
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException($"The process did not exit within {timeout}; stdout: {Text(_stdout)}; stderr: {Text(_stderr)}; its threads (name, state, kernel wait channel): {threads}");
        }

        // The parameterless wait returns once both output streams are read to their end.
        _process.WaitForExit();
        return (_process.ExitCode, Text(_stdout), Text(_stderr));
    }

    /// <summary>Each thread's name, scheduler state and kernel wait channel, from /proc: where a process that will not exit is stuck.</summary>
    private string Threads()
    {
        var lines = new StringBuilder();
        try
        {
            foreach (string task in Directory.GetDirectories($"/proc/{Id}/task"))
            {
                string comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                string wchan = File.ReadAllText(Path.Combine(task, "wchan")).Trim();
                lines.Append(CultureInfo.InvariantCulture, $"[{Path.GetFileName(task)} '{comm}' {state} {wchan}] ");
            }
        }
        catch (IOException exception)
        {
            lines.Append(exception.Message);
        }

        return lines.ToString();
    }

    /// <summary>Sends SIGTERM, as a service manager would.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends signal <paramref name="name"/> (INT, TERM) to the process.</summary>
    public void Signal(string name) => Shell.Run("kill", "-" + name, Id.ToString(CultureInfo.InvariantCulture));

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

    private void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (_lock)
            {
                text.AppendLine(line);
            }
        }
    }

    private string Text(StringBuilder text)
    {
        lock (_lock)
        {
            return text.ToString();
        }
    }
}
