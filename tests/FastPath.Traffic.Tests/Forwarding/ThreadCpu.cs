using System.Globalization;

namespace FastPath.Traffic.Tests.Forwarding;

/// <summary>The CPU time of one thread of this process, from <c>/proc/self/task/TID/stat</c> (utime + stime, in clock ticks of 1/100 s).</summary>
internal static class ThreadCpu
{
    /// <summary>Linux's USER_HZ, the unit of the stat file's times.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>The thread id of the thread named <paramref name="name"/> (its comm).</summary>
    public static int Find(string name)
    {
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == name)
            {
                return int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No thread of this process is named '{name}'.");
    }

    /// <summary>User plus system time of thread <paramref name="tid"/> so far, in ticks.</summary>
    public static long Ticks(int tid)
    {
        string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");

        // The fields after the command name (which may hold spaces) start with field 3, the state; utime and stime are 14 and 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
