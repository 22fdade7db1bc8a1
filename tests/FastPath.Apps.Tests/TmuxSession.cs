using System.Diagnostics;

namespace FastPath.Apps.Tests;

/// <summary>
/// A detached tmux session on a tmux server of its own (its own socket in the temp folder, so a user's tmux and its
/// environment play no part) running one shell command in a terminal of a fixed size; killed with its server, and its
/// socket deleted, when disposed. A missing
/// tmux fails the test: tests/install-deps.sh installs it.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private static int s_sessions;
    private readonly string _socket;
    private readonly string _name;

    public TmuxSession(string command, int width = 200, int height = 60)
    {
        if (!Shell.Exists("tmux"))
        {
            throw new InvalidOperationException("The live-screen tests need 'tmux': apt-get install tmux (tests/install-deps.sh installs it).");
        }

        _name = $"fpscr-{Environment.ProcessId}-{Interlocked.Increment(ref s_sessions)}";
        _socket = Path.Combine(Path.GetTempPath(), _name + ".tmux");
        Tmux("new-session", "-d", "-s", _name, "-x", width.ToString(), "-y", height.ToString(), command);
    }

    /// <summary>What the terminal shows now (wrapped lines joined); with <paramref name="history"/>, the scrollback too.</summary>
    public string Capture(bool history = false) =>
        history ? Tmux("capture-pane", "-p", "-J", "-S", "-", "-t", _name) : Tmux("capture-pane", "-p", "-J", "-t", _name);

    /// <summary>Types <paramref name="keys"/> (tmux key names, e.g. "q" or "C-c").</summary>
    public void SendKeys(string keys) => Tmux("send-keys", "-t", _name, keys);

    /// <summary>Waits until the terminal (with its scrollback) holds <paramref name="text"/>; returns it.</summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string screen = Capture(history: true);
        while (!screen.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"'{text}' did not appear within {timeout.TotalSeconds:0} s; the terminal shows:\n{screen}");
            }

            Thread.Sleep(200);
            screen = Capture(history: true);
        }

        return screen;
    }

    public void Dispose()
    {
        Shell.TryRun("tmux", "-S", _socket, "kill-server");
        File.Delete(_socket);
    }

    private string Tmux(params string[] args) => Shell.Run("tmux", ["-S", _socket, .. args]);
}
