using FastPath.Ports;
using FastPath.Ports.Registry;
using FastPath.Vfio.Pci;
using FastPath.Ports.Virtual.AfPacket;
using FastPath.Ports.Virtual.AfXdp;
using Microsoft.Extensions.Logging;
using FastPath.Ports.Virtual.Null;
using FastPath.Ports.Virtual.Pcap;
using FastPath.Ports.Virtual.Ring;

namespace FastPath.Ports.Virtual;

/// <summary>The drivers of the virtual ports in FastPath.Ports.Virtual.</summary>
public static class VirtualPortDrivers
{
    /// <summary>The highest queue count a spec's <c>queues=N</c> accepts.</summary>
    public const int MaxQueues = 64;

    /// <summary><c>null[:rx=LEN][:queues=N]</c>: discards what it is given; receives nothing, or synthetic frames of LEN bytes.</summary>
    public static PortDriver Null { get; } = new()
    {
        Kind = "null",
        Syntax = "null[:rx=LEN][:queues=N]",
        Description = "discards TX; RX returns nothing, or endless synthetic frames of LEN bytes",
        Options = new HashSet<string> { "rx", "queues" },
        Open = static (spec, context) =>
        {
            int rxLength = spec.GetInt("rx", 0, FastPath.Ports.Virtual.SyntheticFrame.MinimumLength, context.Pool.DataRoom);
            return Guard(spec, () => new NullPort(new NullPortOptions
            {
                Name = spec.Text,
                QueueCount = spec.GetInt("queues", context.QueueCount, 1, MaxQueues),
                RxFrameLength = rxLength,
                RxPool = rxLength == 0 ? null : context.Pool,
                MacAddress = new Net.MacAddress(0x02_00_00_00_00_00UL | (uint)(0xF0 + context.PortId)),
                PortId = (ushort)context.PortId,
            }));
        },
    };

    /// <summary><c>ring:NAME[:queues=N]</c>: one end of an in-process link; the next port opened with the same name is the other end.</summary>
    public static PortDriver Ring { get; } = new()
    {
        Kind = "ring",
        Syntax = "ring:NAME[:queues=N]",
        Description = "one end of an in-process ring link; the second port named NAME is the other end",
        TargetName = "ring name",
        Options = new HashSet<string> { "queues" },
        Open = static (spec, context) => Guard(spec, () =>
        {
            return RingPort.Open(RingPort.SpecPrefix + spec.Target, new RingPortOptions { QueueCount = spec.GetInt("queues", context.QueueCount, 1, MaxQueues) }, (ushort)context.PortId);
        }),
    };

    /// <summary><c>af_packet:IFACE[:queues=N]</c>: a Linux network interface through TPACKET_V3 packet sockets (needs CAP_NET_RAW).</summary>
    public static PortDriver AfPacket { get; } = new()
    {
        Kind = "af_packet",
        Syntax = "af_packet:IFACE[:queues=N]",
        Description = "a Linux interface through AF_PACKET rings (root or CAP_NET_RAW); queues use PACKET_FANOUT",
        TargetName = "interface name",
        Options = new HashSet<string> { "queues" },
        Open = static (spec, context) => Guard(spec, () => new AfPacketPort(spec.Target, context.Pool, new AfPacketPortOptions
        {
            QueueCount = spec.GetInt("queues", context.QueueCount, 1, MaxQueues),
            PortId = (ushort)context.PortId,
        })),
    };

    /// <summary>
    /// <c>af_xdp:IFACE[:queues=N][:start-queue=Q][:mode=auto|native|generic][:copy|zerocopy][:busy-poll=N][:rxd=N][:txd=N][:force]</c>:
    /// a Linux interface through AF_XDP sockets whose UMEM is the pool's buffers (needs CAP_NET_RAW, CAP_NET_ADMIN, CAP_BPF).
    /// </summary>
    public static PortDriver AfXdp { get; } = new()
    {
        Kind = "af_xdp",
        Syntax = "af_xdp:IFACE[:queues=N][:start-queue=Q][:mode=auto|native|generic][:copy|zerocopy][:busy-poll=N][:rxd=N][:txd=N][:force]",
        Description = "a Linux interface through AF_XDP sockets, the pool's buffers as UMEM (root); one socket per queue from Q; rxd/txd size the RX+fill and TX+completion rings (powers of two, 2048); force detaches an XDP program already there",
        TargetName = "interface name",
        Options = new HashSet<string> { "queues", "start-queue", "mode", "busy-poll", "rxd", "txd" },
        Flags = new HashSet<string> { "copy", "zerocopy", "force" },
        Open = static (spec, context) =>
        {
            AfXdpAttachMode mode = spec.Options.GetValueOrDefault("mode") switch
            {
                null or "auto" => AfXdpAttachMode.Auto,
                "native" => AfXdpAttachMode.Native,
                "generic" => AfXdpAttachMode.Generic,
                string other => throw new UsageException($"Port spec '{spec.Text}': mode={other} is not a mode; give mode=auto, mode=native or mode=generic."),
            };
            if (spec.HasFlag("copy") && spec.HasFlag("zerocopy"))
            {
                throw new UsageException($"Port spec '{spec.Text}': ':copy' and ':zerocopy' exclude each other; give one.");
            }

            var options = new AfXdpPortOptions
            {
                QueueCount = spec.GetInt("queues", context.QueueCount, 1, MaxQueues),
                StartQueue = spec.GetInt("start-queue", 0, 0, 4095),
                Mode = mode,
                CopyMode = spec.HasFlag("copy") ? AfXdpCopyMode.Copy : spec.HasFlag("zerocopy") ? AfXdpCopyMode.ZeroCopy : AfXdpCopyMode.Auto,
                BusyPollMicroseconds = spec.GetInt("busy-poll", 0, 0, 1_000_000),
                Force = spec.HasFlag("force"),
                RxRingSize = spec.GetInt("rxd", 2048, 64, 1 << 16),
                FillRingSize = spec.GetInt("rxd", 2048, 64, 1 << 16),
                TxRingSize = spec.GetInt("txd", 2048, 64, 1 << 16),
                CompletionRingSize = spec.GetInt("txd", 2048, 64, 1 << 16),
                PortId = (ushort)context.PortId,
            };
            return Guard(spec, () => new AfXdpPort(spec.Target, context.Pool, options, context.LoggerFactory.CreateLogger<AfXdpPort>()));
        },
    };

    /// <summary><c>pcap:FILE[:loop=N][:timed]</c>: receive replays a capture file, N times (0 forever), at capture pace with <c>timed</c>.</summary>
    public static PortDriver Pcap { get; } = new()
    {
        Kind = "pcap",
        Syntax = "pcap:FILE[:loop=N][:timed]",
        Description = "RX replays a pcap file N times (0: forever), as fast as polled or at capture pace (timed); its link goes down at the end",
        TargetName = "file name",
        Options = new HashSet<string> { "loop" },
        Flags = new HashSet<string> { "timed" },
        Open = static (spec, context) => Guard(spec, () => new PcapReaderPort(spec.Target, context.Pool, new PcapReaderPortOptions
        {
            LoopCount = spec.GetInt("loop", 1, 0, int.MaxValue),
            HonourTimestamps = spec.HasFlag("timed"),
            PortId = (ushort)context.PortId,
        })),
    };

    /// <summary><c>pcap-out:FILE</c>: transmit writes frames to a capture file.</summary>
    public static PortDriver PcapOut { get; } = new()
    {
        Kind = "pcap-out",
        Syntax = "pcap-out:FILE",
        Description = "TX writes frames to a pcap file (created or truncated)",
        TargetName = "file name",
        Open = static (spec, context) => Guard(spec, () => new PcapWriterPort(spec.Target, new PcapWriterPortOptions { PortId = (ushort)context.PortId })),
    };

    /// <summary>Every virtual driver.</summary>
    public static IReadOnlyList<PortDriver> All => [Null, Ring, AfPacket, AfXdp, Pcap, PcapOut];

    /// <summary>A registry with the virtual kinds: null, ring, af_packet, af_xdp, pcap and pcap-out; PCI devices are looked up in <paramref name="sysfs"/> (default <c>/sys</c>).</summary>
    public static PortRegistry CreateRegistry(PciSysfs? sysfs = null)
    {
        var registry = new PortRegistry(sysfs ?? new PciSysfs());
        RegisterWith(registry);
        return registry;
    }

    /// <summary>Registers every virtual kind with <paramref name="registry"/>.</summary>
    public static void RegisterWith(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (PortDriver driver in All)
        {
            registry.Register(driver);
        }
    }

    /// <summary>Turns a port constructor's complaint about the spec into a usage error naming the spec.</summary>
    internal static IPort Guard(PortSpec spec, Func<IPort> open)
    {
        try
        {
            return open();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException or PcapFormatException or IOException or UnauthorizedAccessException or InsufficientMemoryException or PlatformNotSupportedException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }
    }
}
