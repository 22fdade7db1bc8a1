using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfPacket.Interop;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// One AF_PACKET socket bound to an interface, with a TPACKET_V3 receive ring (variable-size frames packed in
/// blocks) and a TPACKET_V3 transmit ring (fixed-size slots; V3 transmit exists since Linux 4.11) mapped together.
/// </summary>
internal sealed unsafe class PacketSocket : IDisposable
{
    /// <summary>Where the frame starts in a transmit slot: the aligned <c>tpacket3_hdr</c>.</summary>
    public static readonly int TxDataOffset = Align(sizeof(TPacket3Header));

    /// <summary>The frame size given for the receive ring: TPACKET_V3 packs frames of any size, but the kernel checks the geometry.</summary>
    private const uint RxNominalFrameSize = 2048;

    private readonly MappedMemoryHandle _mapping;

    private PacketSocket(FileDescriptorHandle handle, MappedMemoryHandle mapping, int rxBlockSize, int rxBlockCount, int txFrameSize, int txFrameCount)
    {
        Handle = handle;
        _mapping = mapping;
        RxRing = (byte*)mapping.Address;
        RxBlockSize = rxBlockSize;
        RxBlockCount = rxBlockCount;
        TxRing = RxRing + (nint)rxBlockSize * rxBlockCount;
        TxFrameSize = txFrameSize;
        TxFrameCount = txFrameCount;
    }

    public FileDescriptorHandle Handle { get; }

    public byte* RxRing { get; }

    public int RxBlockSize { get; }

    public int RxBlockCount { get; }

    public byte* TxRing { get; }

    public int TxFrameSize { get; }

    public int TxFrameCount { get; }

    /// <summary>Opens a socket on interface <paramref name="interfaceName"/> with its rings mapped, not yet bound.</summary>
    /// <exception cref="UnauthorizedAccessException">The process lacks CAP_NET_RAW.</exception>
    /// <exception cref="InvalidOperationException">The kernel refused a setting; the message names it.</exception>
    public static PacketSocket Create(string interfaceName, AfPacketPortOptions options)
    {
        int fd = LibC.socket(LinuxConstants.AddressFamilyPacket, LinuxConstants.SocketTypeRaw, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is LinuxConstants.ErrorPermission or LinuxConstants.ErrorAccess)
            {
                throw new UnauthorizedAccessException(
                    $"Opening an AF_PACKET socket for interface '{interfaceName}' was refused ({LibC.Describe(errno)}): it needs CAP_NET_RAW. Run as root, or grant the capability, e.g. 'setcap cap_net_raw,cap_net_admin+ep' on the executable.");
            }

            throw new InvalidOperationException($"socket(AF_PACKET, SOCK_RAW) failed ({LibC.Describe(errno)}).");
        }

        var handle = new FileDescriptorHandle(fd);
        try
        {
            SetInt(handle, interfaceName, LinuxConstants.PacketVersion, LinuxConstants.TPacketVersion3, "PACKET_VERSION=TPACKET_V3", "TPACKET_V3 needs Linux 3.2 or later");
            SetInt(handle, interfaceName, LinuxConstants.PacketLoss, 1, "PACKET_LOSS", "it must be set before the rings");
            SetInt(handle, interfaceName, LinuxConstants.PacketIgnoreOutgoing, 1, "PACKET_IGNORE_OUTGOING", "it needs Linux 4.20 or later");
            if (options.QdiscBypass)
            {
                SetInt(handle, interfaceName, LinuxConstants.PacketQdiscBypass, 1, "PACKET_QDISC_BYPASS", "it needs Linux 3.14 or later; set QdiscBypass = false");
            }

            var rx = new TPacketRequest3
            {
                BlockSize = (uint)options.RxBlockSize,
                BlockCount = (uint)options.RxBlockCount,
                FrameSize = RxNominalFrameSize,
                FrameCount = (uint)(options.RxBlockSize / RxNominalFrameSize * options.RxBlockCount),
                RetireBlockTimeoutMs = (uint)options.RxBlockTimeoutMs,
                FeatureRequestWord = LinuxConstants.TPacketFeatureFillRxHash,
            };
            Set(handle, interfaceName, LinuxConstants.PacketRxRing, &rx, (uint)sizeof(TPacketRequest3), "PACKET_RX_RING",
                $"{options.RxBlockCount} blocks of {options.RxBlockSize} bytes; try smaller RxBlockSize/RxBlockCount");

            int txBlockSize = Math.Max(Environment.SystemPageSize, options.TxFrameSize);
            int framesPerBlock = txBlockSize / options.TxFrameSize;
            int txBlockCount = (options.TxFrameCount + framesPerBlock - 1) / framesPerBlock;
            var tx = new TPacketRequest3
            {
                BlockSize = (uint)txBlockSize,
                BlockCount = (uint)txBlockCount,
                FrameSize = (uint)options.TxFrameSize,
                FrameCount = (uint)(txBlockCount * framesPerBlock),
            };
            Set(handle, interfaceName, LinuxConstants.PacketTxRing, &tx, (uint)sizeof(TPacketRequest3), "PACKET_TX_RING",
                $"{tx.FrameCount} slots of {options.TxFrameSize} bytes; TPACKET_V3 transmit needs Linux 4.11 or later");

            nuint length = (nuint)options.RxBlockSize * (nuint)options.RxBlockCount + (nuint)txBlockSize * (nuint)txBlockCount;
            MappedMemoryHandle mapping = MappedMemoryHandle.TryMapShared(handle, length, out int mapErrno)
                ?? throw new InvalidOperationException($"Mapping the {length}-byte packet rings of interface '{interfaceName}' failed ({LibC.Describe(mapErrno)}); use smaller rings.");
            return new PacketSocket(handle, mapping, options.RxBlockSize, options.RxBlockCount, options.TxFrameSize, (int)tx.FrameCount);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Binds the socket to interface <paramref name="interfaceIndex"/> for all protocols: receive starts.</summary>
    public void Bind(string interfaceName, int interfaceIndex)
    {
        var address = new SockAddrLinkLayer
        {
            Family = LinuxConstants.AddressFamilyPacket,
            ProtocolBigEndian = BinaryPrimitives.ReverseEndianness(LinuxConstants.EtherTypeAll),
            InterfaceIndex = interfaceIndex,
        };
        if (LibC.bind(Handle, &address, (uint)sizeof(SockAddrLinkLayer)) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string hint = errno == LinuxConstants.ErrorNoDevice ? " The interface disappeared or is down." : string.Empty;
            throw new InvalidOperationException($"Binding the packet socket to interface '{interfaceName}' (index {interfaceIndex}) failed ({LibC.Describe(errno)}).{hint}");
        }
    }

    /// <summary>Puts the interface in promiscuous mode for as long as the socket is open.</summary>
    public void AddPromiscuousMembership(string interfaceName, int interfaceIndex)
    {
        var request = new PacketMembershipRequest { InterfaceIndex = interfaceIndex, Type = LinuxConstants.PacketMembershipPromiscuous };
        Set(Handle, interfaceName, LinuxConstants.PacketAddMembership, &request, (uint)sizeof(PacketMembershipRequest), "PACKET_ADD_MEMBERSHIP(PACKET_MR_PROMISC)", "set Promiscuous = false");
    }

    /// <summary>Creates a new hash fanout group with a kernel-chosen id and joins it.</summary>
    /// <returns>The group id, for the other sockets to join.</returns>
    public ushort CreateFanoutGroup(string interfaceName)
    {
        SetInt(Handle, interfaceName, LinuxConstants.PacketFanout, (LinuxConstants.PacketFanoutHash | LinuxConstants.PacketFanoutFlagUniqueId) << 16,
            "PACKET_FANOUT(hash, unique id)", "it needs Linux 4.3 or later");
        int value;
        uint length = sizeof(int);
        if (LibC.getsockopt(Handle, LinuxConstants.SolPacket, LinuxConstants.PacketFanout, &value, &length) != 0)
        {
            throw new InvalidOperationException($"Reading PACKET_FANOUT of interface '{interfaceName}' failed ({LibC.Describe(Marshal.GetLastPInvokeError())}).");
        }

        return (ushort)value;
    }

    /// <summary>Joins the hash fanout group <paramref name="groupId"/>.</summary>
    public void JoinFanoutGroup(string interfaceName, ushort groupId) =>
        SetInt(Handle, interfaceName, LinuxConstants.PacketFanout, groupId | (LinuxConstants.PacketFanoutHash << 16), $"PACKET_FANOUT(hash, group {groupId})", "the group must exist");

    /// <summary>Reads and resets the kernel's receive counters.</summary>
    public TPacketStatisticsV3 ReadAndResetStatistics()
    {
        TPacketStatisticsV3 statistics = default;
        uint length = (uint)sizeof(TPacketStatisticsV3);
        if (LibC.getsockopt(Handle, LinuxConstants.SolPacket, LinuxConstants.PacketStatistics, &statistics, &length) != 0)
        {
            throw new InvalidOperationException($"Reading PACKET_STATISTICS failed ({LibC.Describe(Marshal.GetLastPInvokeError())}).");
        }

        return statistics;
    }

    /// <summary>Asks the kernel to send the transmit slots marked TP_STATUS_SEND_REQUEST, without waiting.</summary>
    /// <remarks>
    /// Failures (a busy or downed device) leave the slots queued for the next call; a ring that stays full pushes
    /// back on the caller through short transmit counts.
    /// </remarks>
    public void KickTransmit() => LibC.sendto(Handle, null, 0, LinuxConstants.MessageDontWait, null, 0);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the socket to be readable.</summary>
    /// <returns>Whether it became readable.</returns>
    public bool PollReadable(int timeoutMs)
    {
        var descriptor = new PollDescriptor { FileDescriptor = Handle.Fd, Events = LinuxConstants.PollIn | LinuxConstants.PollError };
        bool added = false;
        Handle.DangerousAddRef(ref added);
        try
        {
            return LibC.poll(&descriptor, 1, timeoutMs) > 0;
        }
        finally
        {
            Handle.DangerousRelease();
        }
    }

    /// <summary>Unmaps the rings and closes the socket.</summary>
    public void Dispose()
    {
        _mapping.Dispose();
        Handle.Dispose();
    }

    private static int Align(int length) => (length + LinuxConstants.TPacketAlignment - 1) & ~(LinuxConstants.TPacketAlignment - 1);

    private static void SetInt(FileDescriptorHandle handle, string interfaceName, int option, int value, string optionName, string hint) =>
        Set(handle, interfaceName, option, &value, sizeof(int), optionName, hint);

    private static void Set(FileDescriptorHandle handle, string interfaceName, int option, void* value, uint length, string optionName, string hint)
    {
        if (LibC.setsockopt(handle, LinuxConstants.SolPacket, option, value, length) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"setsockopt({optionName}) on the packet socket of interface '{interfaceName}' failed ({LibC.Describe(errno)}); {hint}.");
        }
    }
}
