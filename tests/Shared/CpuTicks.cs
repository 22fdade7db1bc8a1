using System.Globalization;

namespace FastPath.Testing;

/// <summary>
/// CPU time from /proc in clock ticks (utime + stime, fields 14 and 15 of stat; CLK_TCK is 100 on Linux x86-64, so a
/// tick is 10 ms and a fully busy core uses 100 ticks a second).
/// </summary>
public static class CpuTicks
{
    /// <summary>Ticks a fully busy core accumulates per second.</summary>
    public const int PerSecond = 100;

    /// <summary>All threads of process <paramref name="pid"/> together.</summary>
    public static long OfProcess(int pid) => Parse(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>Thread <paramref name="tid"/> of this process.</summary>
    public static long OfThread(int tid) => OfThread(Environment.ProcessId, tid);

    /// <summary>Thread <paramref name="tid"/> of process <paramref name="pid"/>.</summary>
    public static long OfThread(int pid, int tid) => Parse(File.ReadAllText($"/proc/{pid}/task/{tid}/stat"));

    /// <summary>The thread of process <paramref name="pid"/> whose name (comm, at most 15 characters) is <paramref name="name"/>.</summary>
    public static int ThreadNamed(int pid, string name) => ThreadNamed(pid, comm => comm == name, $"named '{name}'");

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a thread of process <paramref name="pid"/> whose name (comm)
    /// <paramref name="matches"/>: a process just started (on a loaded machine, seconds) may not have made it yet.
    /// </summary>
    public static int WaitForThreadNamed(int pid, Func<string, bool> matches, string what, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return ThreadNamed(pid, matches, what);
            }
            catch (InvalidOperationException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The first thread of process <paramref name="pid"/> whose name (comm) <paramref name="matches"/>.</summary>
    public static int ThreadNamed(int pid, Func<string, bool> matches, string what) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Select(task => (Tid: int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), Name: File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n')))
            .Where(t => matches(t.Name)).Select(t => t.Tid).FirstOrDefault()
        is int tid and > 0 ? tid : throw new InvalidOperationException($"Process {pid} has no thread {what}.");

    private static long Parse(string stat)
    {
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
