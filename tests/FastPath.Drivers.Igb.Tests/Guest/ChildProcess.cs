using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// A child process whose output is captured line by line and which stops on SIGINT: one of the FastPath applications
/// (built on the host, under apps/NAME/bin/Release) or a traffic peer such as <see cref="Testpmd"/>.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private const int SigInt = 2;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private readonly string _name;

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="info"/> (output redirected) and captures its output.</summary>
    public static ChildProcess Start(string name, ProcessStartInfo info) => new(name, Process.Start(info)!);

    /// <summary>SIGTERM, which the apps handle as they handle SIGINT.</summary>
    public const int SigTerm = 15;

    /// <summary>The process id (of the app itself: a wrapper such as prlimit or setpriv execs into it).</summary>
    public int Id => _process.Id;

    /// <summary>Starts apps/<paramref name="app"/>'s Release build with <paramref name="arguments"/>.</summary>
    public static ChildProcess StartApp(string app, params string[] arguments) => StartApp(app, [], arguments);

    /// <summary>
    /// Starts apps/<paramref name="app"/>'s Release build through <paramref name="wrapper"/> (a command that execs its
    /// arguments, e.g. <c>prlimit --memlock=N setpriv --reuid=U</c>), or directly when it is empty.
    /// </summary>
    public static ChildProcess StartApp(string app, IReadOnlyList<string> wrapper, params string[] arguments)
    {
        string dll = Path.Combine(AppDirectory(app), app + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the app on the host first (dotnet build -c Release apps/{app}).", dll);
        }

        var info = new ProcessStartInfo(wrapper.Count > 0 ? wrapper[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in wrapper.Skip(1).Concat(wrapper.Count > 0 ? ["dotnet"] : []))
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Start(app, info);
    }

    /// <summary>The folder of apps/<paramref name="app"/>'s Release build in this checkout.</summary>
    public static string AppDirectory(string app) =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "apps", app, "bin", "Release", "net10.0"));

    /// <summary>Waits until <paramref name="text"/> appears in the output.</summary>
    public void WaitForOutput(string text, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || stopwatch.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{_name} printed no '{text}' within {timeout.TotalSeconds} s (exited: {_process.HasExited}):\n{Output}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Waits for the process to exit on its own.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>Sends <paramref name="signal"/> (SIGINT or SIGTERM) without waiting, if the process still runs.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, signal);
        }
    }

    /// <summary>Sends SIGINT (the apps stop, print their totals and exit) and waits.</summary>
    public bool Interrupt(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigInt);
        }

        return WaitForExit(timeout);
    }

    /// <summary>Kills the process if it still runs and waits for it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
