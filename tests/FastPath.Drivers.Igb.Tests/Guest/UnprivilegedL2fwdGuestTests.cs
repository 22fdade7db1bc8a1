using System.Globalization;
using FastPath.Net;
using FastPath.Traffic.Receiver;
using FastPath.Vfio.Pci;
using Xunit.Abstractions;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// l2fwd run by a user that is not root (uid/gid 4242 through setpriv, no supplementary groups, no capabilities) and
/// may open only the VFIO groups of its two NICs (B and C: /dev/vfio/N chowned to it; /dev/vfio/vfio is 0666). Its
/// pool comes from anonymous MAP_HUGETLB mappings, which need no hugetlbfs file, so /dev/hugepages (root's) is not
/// involved; the test checks the pool really got hugepages (no fallback warning, HugePages_Free drops while it runs).
/// VFIO pins the mapped pages and charges them to RLIMIT_MEMLOCK (no CAP_IPC_LOCK): with a sufficient limit l2fwd
/// forwards pktgen's frames (root, on A) to this test's port on D; with too low a limit it exits with one line that
/// names RLIMIT_MEMLOCK and how to raise it.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest4")]
public sealed class UnprivilegedL2fwdGuestTests(ITestOutputHelper output)
{
    private const string User = "4242";
    private const ulong Frames = 500;
    private static readonly TimeSpan AppTimeout = TimeSpan.FromSeconds(300);
    private readonly GuestResults _results = new(output);

    [GuestFact(Nics = 4)]
    public void AUserWithItsGroupsAndEnoughLockedMemoryForwardsAndTooLittleGetsTheFix()
    {
        IReadOnlyList<PciAddress> nics = GuestEnvironment.Nics;
        string[] groups = [GuestSystem.GroupDevice(nics[1]), GuestSystem.GroupDevice(nics[2])];
        foreach (string group in groups)
        {
            Chown(group, User);   // the node stays crw------- (vfio's default): the user, and root, may open it
        }

        OpenPathTo(ChildProcess.AppDirectory("l2fwd"));
        try
        {
            string[] l2fwdArguments = ["--port", $"pci:{nics[1]}:rxd=4096", "--port", $"pci:{nics[2]}:rxd=4096", "--lcores", "0", "--log-level", "Information", "--stats-interval", "5"];

            // Too little: 8 MiB cannot hold the pool's hugepages, so VFIO_IOMMU_MAP_DMA fails with ENOMEM.
            using (ChildProcess starved = ChildProcess.StartApp("l2fwd", AsUser(8 << 20), l2fwdArguments))
            {
                Assert.True(starved.WaitForExit(AppTimeout), $"l2fwd with an 8 MiB RLIMIT_MEMLOCK did not exit:\n{starved.Output}");
                string[] errors = starved.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("l2fwd:", StringComparison.Ordinal)).ToArray();
                _results.Report($"unprivileged l2fwd, RLIMIT_MEMLOCK 8 MiB: exit {starved.ExitCode}: {string.Join(" | ", errors)}");
                Assert.True(starved.ExitCode == 2, $"l2fwd with an 8 MiB RLIMIT_MEMLOCK exited {starved.ExitCode}, not 2 (a usage error):\n{starved.Output}");
                string error = Assert.Single(errors);
                Assert.Contains("RLIMIT_MEMLOCK", error);
                Assert.Contains("ulimit -l", error);
                Assert.Contains("CAP_IPC_LOCK", error);
            }

            MacAddress rewritten = MacAddress.Parse("02:00:00:00:00:01");
            using IgbPorts d = IgbPorts.Open(8192, (nics[3], new IgbPortOptions { MacAddress = rewritten, Rx = new() { RingSize = 4096 } }));
            d.StartAll();
            var receiver = new TrafficReceiver(d[0].GetRxQueue(0));
            using var polling = new PollingThread(receiver.Poll, sleepWhenIdle: true);
            long freeBefore = GuestSystem.FreeHugepages();
            using ChildProcess l2fwd = ChildProcess.StartApp("l2fwd", AsUser(512 << 20), l2fwdArguments);
            l2fwd.WaitForOutput("Forwarding between", AppTimeout);
            string uids = GuestSystem.Uids(l2fwd.Id);
            long freeWhileRunning = GuestSystem.FreeHugepages();
            Thread.Sleep(2000);
            using ChildProcess pktgen = ChildProcess.StartApp("pktgen", "--port", $"pci:{nics[0]}", "--lcores", "0", "--count", Frames.ToString(CultureInfo.InvariantCulture), "--rate", "5kpps", "--dst-mac", "02:00:00:00:00:00");
            Assert.True(pktgen.WaitForExit(AppTimeout), $"pktgen did not finish:\n{pktgen.Output}");
            bool all = GuestSystem.WaitUntil(() => receiver.Packets >= Frames, TimeSpan.FromSeconds(30));
            Thread.Sleep(1000);
            Assert.True(l2fwd.Interrupt(AppTimeout), $"l2fwd did not stop:\n{l2fwd.Output}");
            polling.Stop();
            File.WriteAllText(Path.Combine(GuestEnvironment.OutputDirectory, "l2fwd-unprivileged.out"), l2fwd.Output);
            _results.Report($"unprivileged l2fwd (uid/gid {User}, RLIMIT_MEMLOCK 512 MiB, owns {string.Join(" ", groups)}): Uid {uids}; exit {l2fwd.ExitCode}; "
                + $"D received {receiver.Packets} of {Frames}, probes lost {ReceiverSummary.Combine([receiver]).Lost}; free hugepages {freeBefore} -> {freeWhileRunning} while it ran");
            Assert.Equal($"{User}\t{User}\t{User}\t{User}", uids);
            Assert.True(l2fwd.ExitCode == 0, l2fwd.Output);
            Assert.DoesNotContain("Falling back", l2fwd.Output);
            Assert.True(freeWhileRunning < freeBefore, "l2fwd's pool took no hugepages.");
            Assert.Matches(@"mempool '[^']+': all \d+ buffers returned", l2fwd.Output);
            Assert.True(all, $"D received {receiver.Packets} of {Frames}:\n{l2fwd.Output}");
            Assert.Equal(Frames, receiver.Packets);
        }
        finally
        {
            foreach (string group in groups)
            {
                Chown(group, "0");
            }
        }
    }

    /// <summary>prlimit (as root, which may raise the hard limit) sets RLIMIT_MEMLOCK, then setpriv drops to the user for good.</summary>
    private static string[] AsUser(long memlockBytes) =>
        ["prlimit", $"--memlock={memlockBytes}:{memlockBytes}", "setpriv", $"--reuid={User}", $"--regid={User}", "--clear-groups", "--inh-caps=-all", "--"];

    /// <summary>
    /// Lets any user traverse every directory above <paramref name="directory"/> (o+x), so the user can load the app: a
    /// checkout under a <c>mktemp -d</c> directory (mode 0700, as CI clones) is root's alone. The guest sees the host's
    /// tree through a copy-on-write overlay, so the host's modes are not changed.
    /// </summary>
    private static void OpenPathTo(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The guest tests run on Linux only.");
        }

        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            UnixFileMode mode = File.GetUnixFileMode(current.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(current.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static void Chown(string path, string owner)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [$"{owner}:{owner}", path])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
