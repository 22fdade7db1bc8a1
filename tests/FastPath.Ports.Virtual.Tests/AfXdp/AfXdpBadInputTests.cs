using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfXdp;
using FastPath.Ports.Virtual.Tests.AfPacket;
using Microsoft.Extensions.Logging;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

/// <summary>Each refusal is one line naming the fix, and leaves no program attached and no buffer out of the pool.</summary>
public sealed unsafe partial class AfXdpBadInputTests
{
    private static readonly AfXdpPortOptions s_small = new() { FillRingSize = 256 };

    [NetworkNamespaceFact]
    public void AMissingInterface_IsNamed_WithTheOnesThatExist()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 1024);

        Exception error = Refusal(link.Left, () => new AfXdpPort("axp-nothere", pool, s_small));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("'axp-nothere' does not exist", error.Message);
        Assert.Contains(XdpVethLink.LeftInterface, error.Message);
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void NativeMode_OnADriverWithoutXdp_SaysUseGeneric_AndLeavesNothing()
    {
        using var link = new XdpVethLink();
        link.Left.IpInside("link add axp-bridge type bridge");
        link.Left.IpInside("link set axp-bridge up");
        using PacketPool pool = TestPools.Create(count: 1024);

        Exception error = Refusal(link.Left, () => new AfXdpPort("axp-bridge", pool, s_small with { Mode = AfXdpAttachMode.Native }));

        Assert.Contains("has no native XDP", error.Message);
        Assert.Contains("mode=generic", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0u, ProgramOn(link.Left, "axp-bridge"));
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void AQueueBeyondTheInterfacesChannels_SaysHowToGetMore_AndLeavesNothing()
    {
        using var link = new XdpVethLink(queues: 2);
        using PacketPool pool = TestPools.Create(count: 2048);

        Exception error = Refusal(link.Left, () => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small with { StartQueue = 1, QueueCount = 2 }));

        Assert.Contains("queue 2 of 'axp-left'", error.Message);
        Assert.Contains("numrxqueues", error.Message);
        Assert.Equal(0u, ProgramOn(link.Left, XdpVethLink.LeftInterface));
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void AForeignXdpProgram_IsKept_UnlessForced()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 1024);
        using XdpAttachment foreign = link.Left.Run(() => AttachForeign(XdpVethLink.LeftInterface));

        Exception error = Refusal(link.Left, () => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small));
        Assert.Contains("a foreign XDP program 'axp_foreign'", error.Message);
        Assert.True(error.Message.Contains($"held by process {Environment.ProcessId}"), error.Message);
        Assert.Contains("':force'", error.Message);
        Assert.Equal(0, pool.InUse);

        var logger = new RecordingLogger();
        using (AfXdpPort port = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small with { Force = true }, logger)))
        {
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Detached XDP program 'axp_foreign'"));
        }

        Assert.Equal(0u, ProgramOn(link.Left, XdpVethLink.LeftInterface));
        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void AnInterfaceAnotherFastPathPortHolds_IsRefused_NamingTheProcess()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 2048);
        using AfXdpPort first = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small));
        int inUse = pool.InUse;

        Exception error = Refusal(link.Left, () => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small));

        Assert.Contains("another FastPath port's XDP program", error.Message);
        Assert.Contains($"process {Environment.ProcessId}", error.Message);
        Assert.Equal(inUse, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void AStaleFastPathProgram_ThatOnlyAPinKeeps_IsRemoved_AndSaidSo()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 1024);
        string bpffs = Directory.CreateTempSubdirectory("axp-bpffs-").FullName;
        Assert.Equal(0, mount("bpf", bpffs, "bpf", 0, null));
        try
        {
            string pin = Path.Combine(bpffs, "stale_link");
            uint stale;
            using (AfXdpPort crashed = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small)))
            {
                BpfSyscall.Pin(crashed.Attachment.Link!, pin);
                stale = ProgramOn(link.Left, XdpVethLink.LeftInterface);
            }

            Assert.Equal(stale, ProgramOn(link.Left, XdpVethLink.LeftInterface));
            var logger = new RecordingLogger();
            using (AfXdpPort port = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small, logger)))
            {
                Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Removed a stale FastPath XDP program"));
                Assert.NotEqual(stale, ProgramOn(link.Left, XdpVethLink.LeftInterface));
            }

            File.Delete(pin);
        }
        finally
        {
            umount2(bpffs, 0);
            Directory.Delete(bpffs);
        }

        Assert.Equal(0u, ProgramOn(link.Left, XdpVethLink.LeftInterface));
        Assert.Equal(0, pool.InUse);
    }

    // CAP_SYS_ADMIN stands in for CAP_BPF and CAP_NET_ADMIN when the kernel loads a network program, so it goes with them.
    [NetworkNamespaceFact]
    public void MissingBpfCapabilities_AreNamed_AndLeaveNothing() => AssertMissingCapabilityIsNamed([ThreadCapabilities.Bpf, ThreadCapabilities.SysAdmin], "CAP_BPF");

    [NetworkNamespaceFact]
    public void MissingNetAdmin_IsNamed_AndLeavesNothing() => AssertMissingCapabilityIsNamed([ThreadCapabilities.NetAdmin, ThreadCapabilities.SysAdmin], "CAP_NET_ADMIN");

    [NetworkNamespaceFact]
    public void MissingNetRaw_IsNamed_AndLeavesNothing() => AssertMissingCapabilityIsNamed([ThreadCapabilities.NetRaw], "CAP_NET_RAW");

    [NetworkNamespaceFact]
    public void ALowMemlockLimit_WithoutIpcLock_SaysRaiseIt()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 1024);
        ResourceLimit saved;
        Assert.Equal(0, getrlimit(ResourceLimitMemoryLock, &saved));
        Exception error;
        try
        {
            ResourceLimit low = new() { Current = 64 * 1024, Maximum = saved.Maximum };
            Assert.Equal(0, setrlimit(ResourceLimitMemoryLock, &low));
            error = link.Left.Run(() => Assert.ThrowsAny<Exception>(() =>
                ThreadCapabilities.RunWithout([ThreadCapabilities.IpcLock], () => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small))).InnerException!);
        }
        finally
        {
            Assert.Equal(0, setrlimit(ResourceLimitMemoryLock, &saved));
        }

        Assert.IsType<InsufficientMemoryException>(error);
        Assert.Contains("RLIMIT_MEMLOCK (64 KiB)", error.Message);
        Assert.Contains("ulimit -l", error.Message);
        Assert.Equal(0u, ProgramOn(link.Left, XdpVethLink.LeftInterface));
        Assert.Equal(0, pool.InUse);
    }

    /// <summary>Opening the port with <paramref name="dropped"/> gone fails naming <paramref name="named"/>, with no program attached and no buffer held.</summary>
    private static void AssertMissingCapabilityIsNamed(int[] dropped, string named)
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 1024);

        Exception error = link.Left.Run(() => Assert.ThrowsAny<Exception>(() =>
            ThreadCapabilities.RunWithout(dropped, () => new AfXdpPort(XdpVethLink.LeftInterface, pool, s_small))).InnerException!);

        Assert.IsType<UnauthorizedAccessException>(error);
        Assert.Contains(named, error.Message);
        Assert.Contains("setcap", error.Message);
        Assert.Equal(0u, ProgramOn(link.Left, XdpVethLink.LeftInterface));
        Assert.Equal(0, pool.InUse);
    }

    private const int ResourceLimitMemoryLock = 8;

    private static Exception Refusal(NetworkNamespace side, Func<AfXdpPort> open) =>
        side.Run(() => Assert.ThrowsAny<Exception>(() => open().Dispose()));

    private static uint ProgramOn(NetworkNamespace side, string interfaceName) =>
        side.Run(() => XdpProgramQuery.AttachedProgramId((int)if_nametoindex(interfaceName)));

    /// <summary>Attaches the same redirect code under another name, as a foreign tool would, through a BPF link held by this process.</summary>
    private static XdpAttachment AttachForeign(string interfaceName)
    {
        XdpAttachment foreign = XdpAttachment.Load(1, "axp_foreign");
        foreign.Attach(interfaceName, (int)if_nametoindex(interfaceName), AfXdpAttachMode.Generic, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return foreign;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint if_nametoindex(string name);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string type, nuint flags, string? data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, ResourceLimit* limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, ResourceLimit* limit);
}
