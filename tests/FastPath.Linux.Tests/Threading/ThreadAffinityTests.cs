using FastPath.Linux.Threading;

namespace FastPath.Linux.Tests.Threading;

public sealed class ThreadAffinityTests
{
    [Fact]
    public void Pinning_restricts_the_thread_as_the_kernel_reports_it()
    {
        List<int> allowed = ThreadAffinity.GetAllowedCores();
        Assert.NotEmpty(allowed);
        int core = allowed[^1];
        string? kernelView = null;
        var thread = new Thread(() =>
        {
            ThreadAffinity.PinCurrentThread(core);
            kernelView = File.ReadAllLines("/proc/thread-self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        });
        thread.Start();
        thread.Join();

        Assert.Equal($"Cpus_allowed_list:\t{core}", kernelView);
    }

    [Fact]
    public void The_allowed_cores_are_what_the_kernel_reports_for_the_process()
    {
        string line = File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var expected = new List<int>();
        foreach (string part in line.Split('\t')[1].Split(','))
        {
            string[] range = part.Split('-');
            int first = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
            int last = range.Length == 2 ? int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) : first;
            for (int core = first; core <= last; core++)
            {
                expected.Add(core);
            }
        }

        Assert.Equal(expected, ThreadAffinity.GetAllowedCores());
    }
}
