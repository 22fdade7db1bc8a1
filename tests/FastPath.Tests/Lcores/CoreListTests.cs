using FastPath.Lcores;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Tests.Lcores;

[Collection(LcoreCollection.Name)]
public sealed class CoreListTests
{
    [Theory]
    [InlineData("2,3", new[] { 2, 3 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0-1,4,6-7", new[] { 0, 1, 4, 6, 7 })]
    [InlineData(" 5 ", new[] { 5 })]
    public void ParsesListsAndRanges(string text, int[] expected) => Assert.Equal(expected, CoreList.Parse(text));

    [Theory]
    [InlineData("1,1", "appears twice")]
    [InlineData("0-2,2", "appears twice")]
    [InlineData("3-1", "runs backwards")]
    [InlineData("x", "not a core number")]
    [InlineData("1,,2", "not a core number")]
    [InlineData("-1", "not a core number")]
    [InlineData("", "empty")]
    [InlineData("99999", "not a core number")]
    public void RejectsBadLists(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CoreList.Parse(text)).Message);

    [Fact]
    public void FormatsWithRanges() => Assert.Equal("0-2,5,7-8", CoreList.Format([5, 0, 1, 2, 8, 7]));

    [Fact]
    public void SysfsStyleListsMayOverlap() => Assert.Equal([1, 2, 2], CoreList.ParseAllowingDuplicates("1-2,2"));

    [Fact]
    public void RunnerRefusesTwoWorkersOnOneCore()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        int core = AllowedCores.First(1)[0];
        runner.Launch(core, "first", token => token.WaitHandle.WaitOne());
        ArgumentException error = Assert.Throws<ArgumentException>(() => runner.Launch(core, "second", _ => { }));
        Assert.Contains("already runs a worker", error.Message);
        runner.Stop();
        runner.Join();
    }

    [Fact]
    public void RunnerRefusesCoresOutsideTheAffinityMask()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None);
        Assert.Contains("not allowed", Assert.Throws<ArgumentException>(() => runner.Validate([4000])).Message);
    }

    /// <summary>
    /// The worker reads its own affinity from the kernel (<c>/proc/thread-self/status</c>, Cpus_allowed_list), not
    /// from the runner: it must be exactly the one core it was launched on. The last allowed core is used, so that on
    /// a machine with two or more cores the pinned set differs from the inherited one.
    /// </summary>
    [Fact]
    public void WorkersArePinnedAndKnowTheirLcore()
    {
        IReadOnlyList<int> allowed = FastPath.Linux.Threading.ThreadAffinity.GetAllowedCores();
        int core = allowed[^1];
        int seen = -2;
        string? affinity = null;
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None);
        runner.Launch(core, "pinned", token =>
        {
            affinity = CpusAllowedList();
            Volatile.Write(ref seen, FastPath.Mempool.Pools.Lcore.CurrentId);
            token.WaitHandle.WaitOne();
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref seen) != -2, TimeSpan.FromSeconds(5));
        runner.Stop();
        runner.Join();
        Assert.Equal(core, seen);
        Assert.Equal(core.ToString(System.Globalization.CultureInfo.InvariantCulture), affinity);
        if (allowed.Count > 1)
        {
            Assert.NotEqual(CpusAllowedList(), affinity);
        }
    }

    /// <summary>The calling thread's Cpus_allowed_list as the kernel reports it.</summary>
    private static string CpusAllowedList() =>
        File.ReadLines("/proc/thread-self/status").Single(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))["Cpus_allowed_list:".Length..].Trim();

    [Fact]
    public void AFailingWorkerStopsTheOthersAndIsReported()
    {
        using var runner = new LcoreRunner(NullLogger.Instance, CancellationToken.None, pinThreads: false);
        runner.Launch(0, "waits", token => token.WaitHandle.WaitOne());
        runner.Launch(1, "fails", _ => throw new InvalidOperationException("boom"));
        AggregateException error = Assert.Throws<AggregateException>(runner.Join);
        Assert.Equal("boom", Assert.Single(error.InnerExceptions).Message);
    }
}
