using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// One AF_XDP socket bound to one queue of an interface, with its four rings mapped: receive and transmit
/// descriptors, and the UMEM's fill and completion rings (each socket has its own pair, also when it shares the
/// UMEM of the port's first socket).
/// </summary>
internal sealed unsafe class XskSocket : IDisposable
{
    private XskSocket(FileDescriptorHandle handle, int queueId, XskConsumerRing rx, XskProducerRing tx, XskProducerRing fill, XskConsumerRing completion)
    {
        Handle = handle;
        QueueId = queueId;
        Rx = rx;
        Tx = tx;
        Fill = fill;
        Completion = completion;
    }

    public FileDescriptorHandle Handle { get; }

    public int QueueId { get; }

    public XskConsumerRing Rx { get; }

    public XskProducerRing Tx { get; }

    public XskProducerRing Fill { get; }

    public XskConsumerRing Completion { get; }

    /// <summary>Whether the kernel runs this socket in zero-copy mode (XDP_OPTIONS_ZEROCOPY).</summary>
    public bool IsZeroCopy
    {
        get
        {
            uint flags = 0;
            uint length = sizeof(uint);
            return LibC.getsockopt(Handle, XdpConstants.SolXdp, XdpConstants.XdpOptions, &flags, &length) == 0 && (flags & XdpConstants.XdpOptionsZeroCopy) != 0;
        }
    }

    /// <summary>
    /// Opens a socket for queue <paramref name="queueId"/>: registers <paramref name="umem"/> on it when given (the
    /// port's first socket), sizes and maps the rings, and binds it (to the first socket's UMEM when
    /// <paramref name="sharedUmem"/> is given).
    /// </summary>
    public static XskSocket Open(string interfaceName, int interfaceIndex, int queueId, AfXdpPortOptions options, XdpUmemRegistration? umem, XskSocket? sharedUmem, ushort bindFlags)
    {
        int fd = LibC.socket(XdpConstants.AddressFamilyXdp, XdpConstants.SocketTypeRaw | XdpConstants.SocketCloseOnExec, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is XdpConstants.ErrorPermission or XdpConstants.ErrorAccess)
            {
                throw new UnauthorizedAccessException(
                    $"Opening an AF_XDP socket for interface '{interfaceName}' was refused ({LibC.Describe(errno)}): it needs CAP_NET_RAW. Run as root, or grant it, e.g. 'setcap cap_net_raw,cap_net_admin,cap_bpf+ep' on the executable.");
            }

            throw new InvalidOperationException($"socket(AF_XDP) failed ({LibC.Describe(errno)}); AF_XDP needs Linux 4.18 or later built with CONFIG_XDP_SOCKETS.");
        }

        var handle = new FileDescriptorHandle(fd);
        var mappings = new List<MappedMemoryHandle>();
        try
        {
            if (umem is XdpUmemRegistration registration)
            {
                RegisterUmem(handle, interfaceName, registration);
            }

            SetRingSize(handle, interfaceName, XdpConstants.XdpUmemFillRing, options.FillRingSize, "XDP_UMEM_FILL_RING");
            SetRingSize(handle, interfaceName, XdpConstants.XdpUmemCompletionRing, options.CompletionRingSize, "XDP_UMEM_COMPLETION_RING");
            SetRingSize(handle, interfaceName, XdpConstants.XdpRxRing, options.RxRingSize, "XDP_RX_RING");
            SetRingSize(handle, interfaceName, XdpConstants.XdpTxRing, options.TxRingSize, "XDP_TX_RING");

            XdpMmapOffsets offsets;
            uint length = (uint)sizeof(XdpMmapOffsets);
            if (LibC.getsockopt(handle, XdpConstants.SolXdp, XdpConstants.XdpMmapOffsets, &offsets, &length) != 0)
            {
                throw new InvalidOperationException($"Reading XDP_MMAP_OFFSETS of the AF_XDP socket of '{interfaceName}' failed ({LibC.DescribeLastError()}).");
            }

            var rx = new XskConsumerRing(Map(handle, interfaceName, offsets.Rx, options.RxRingSize, sizeof(XdpDescriptor), XdpConstants.PageOffsetRxRing, mappings), offsets.Rx, (uint)options.RxRingSize);
            var tx = new XskProducerRing(Map(handle, interfaceName, offsets.Tx, options.TxRingSize, sizeof(XdpDescriptor), XdpConstants.PageOffsetTxRing, mappings), offsets.Tx, (uint)options.TxRingSize);
            var fill = new XskProducerRing(Map(handle, interfaceName, offsets.Fill, options.FillRingSize, sizeof(ulong), XdpConstants.PageOffsetFillRing, mappings), offsets.Fill, (uint)options.FillRingSize);
            var completion = new XskConsumerRing(Map(handle, interfaceName, offsets.Completion, options.CompletionRingSize, sizeof(ulong), XdpConstants.PageOffsetCompletionRing, mappings), offsets.Completion, (uint)options.CompletionRingSize);

            var address = new SockAddrXdp
            {
                Family = XdpConstants.AddressFamilyXdp,
                Flags = sharedUmem is null ? bindFlags : XdpConstants.BindSharedUmem,
                InterfaceIndex = (uint)interfaceIndex,
                QueueId = (uint)queueId,
                SharedUmemFd = sharedUmem is null ? 0 : (uint)sharedUmem.Handle.Fd,
            };
            Bind(handle, &address, interfaceName, queueId, bindFlags);

            if (options.BusyPollMicroseconds > 0)
            {
                SetSocketInt(handle, interfaceName, XdpConstants.SocketPreferBusyPoll, 1, "SO_PREFER_BUSY_POLL");
                SetSocketInt(handle, interfaceName, XdpConstants.SocketBusyPoll, options.BusyPollMicroseconds, "SO_BUSY_POLL");
                SetSocketInt(handle, interfaceName, XdpConstants.SocketBusyPollBudget, options.BusyPollBudget, "SO_BUSY_POLL_BUDGET");
            }

            return new XskSocket(handle, queueId, rx, tx, fill, completion);
        }
        catch
        {
            foreach (MappedMemoryHandle mapping in mappings)
            {
                mapping.Dispose();
            }

            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the kernel's drop counters of this socket.</summary>
    public XdpStatistics ReadStatistics()
    {
        XdpStatistics statistics = default;
        uint length = (uint)sizeof(XdpStatistics);
        LibC.getsockopt(Handle, XdpConstants.SolXdp, XdpConstants.XdpStatistics, &statistics, &length);
        return statistics;
    }

    /// <summary>Wakes the kernel's transmit processing (generic mode sends from inside this call).</summary>
    public void KickTransmit() => LibC.sendto(Handle, null, 0, XdpConstants.MessageDontWait, null, 0);

    /// <summary>Wakes the kernel's receive processing (a driver waiting for fill entries, or a busy-poll round).</summary>
    public void KickReceive() => XdpNative.recvfrom(Handle, null, 0, XdpConstants.MessageDontWait, null, null);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the receive ring to have frames.</summary>
    public bool PollReadable(int timeoutMs)
    {
        var descriptor = new PollDescriptor { FileDescriptor = Handle.Fd, Events = XdpConstants.PollIn };
        return LibC.poll(&descriptor, 1, timeoutMs) > 0;
    }

    /// <summary>Unmaps the rings and closes the socket: the kernel lets go of every buffer the rings held.</summary>
    public void Dispose()
    {
        Rx.Dispose();
        Tx.Dispose();
        Fill.Dispose();
        Completion.Dispose();
        Handle.Dispose();
    }

    /// <summary>
    /// Binds, retrying for up to a second while the queue is busy: the kernel lets go of a closed socket's queue
    /// from a work queue, a moment after the close returned, so a port reopened at once may find it still taken.
    /// </summary>
    private static void Bind(FileDescriptorHandle handle, SockAddrXdp* address, string interfaceName, int queueId, ushort bindFlags)
    {
        const int attempts = 50;
        for (int attempt = 1; ; attempt++)
        {
            if (LibC.bind(handle, address, (uint)sizeof(SockAddrXdp)) == 0)
            {
                return;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != XdpConstants.ErrorBusy || attempt == attempts)
            {
                throw BindError(errno, interfaceName, queueId, bindFlags);
            }

            Thread.Sleep(20);
        }
    }

    private static void RegisterUmem(FileDescriptorHandle handle, string interfaceName, XdpUmemRegistration registration)
    {
        if (LibC.setsockopt(handle, XdpConstants.SolXdp, XdpConstants.XdpUmemReg, &registration, (uint)sizeof(XdpUmemRegistration)) == 0)
        {
            return;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno is XdpConstants.ErrorNoBufferSpace or XdpConstants.ErrorNoMemory or XdpConstants.ErrorPermission)
        {
            ResourceLimit limit;
            string current = LibC.getrlimit(LibC.ResourceLimitMemoryLock, &limit) == 0
                ? (limit.Current == LibC.ResourceLimitInfinity ? "unlimited" : $"{limit.Current >> 10} KiB")
                : "unknown";
            throw new InsufficientMemoryException(
                $"Registering the mempool's {registration.Length >> 10} KiB as the UMEM of '{interfaceName}' failed ({LibC.Describe(errno)}): it exceeds RLIMIT_MEMLOCK ({current}). Raise it (ulimit -l unlimited, or LimitMEMLOCK=infinity in a systemd unit), or grant CAP_IPC_LOCK.");
        }

        throw new InvalidOperationException(
            $"XDP_UMEM_REG of {registration.Length} bytes in chunks of {registration.ChunkSize} on '{interfaceName}' failed ({LibC.Describe(errno)}); chunks must be 2048 bytes up to a page (give the pool a data room of at least {XdpConstants.UmemMinimumChunkSize} bytes minus its headroom).");
    }

    private static MappedMemoryHandle Map(FileDescriptorHandle handle, string interfaceName, in XdpRingOffset offsets, int entries, int entrySize, long pageOffset, List<MappedMemoryHandle> mappings)
    {
        nuint length = (nuint)offsets.Descriptors + (nuint)entries * (nuint)entrySize;
        MappedMemoryHandle mapping = MappedMemoryHandle.TryMapShared(handle, length, pageOffset, out int errno)
            ?? throw new InvalidOperationException($"Mapping an AF_XDP ring of '{interfaceName}' ({length} bytes at page offset 0x{pageOffset:x}) failed ({LibC.Describe(errno)}).");
        mappings.Add(mapping);
        return mapping;
    }

    private static void SetRingSize(FileDescriptorHandle handle, string interfaceName, int option, int entries, string optionName) =>
        Set(handle, interfaceName, XdpConstants.SolXdp, option, entries, optionName, "ring sizes must be powers of two");

    private static void SetSocketInt(FileDescriptorHandle handle, string interfaceName, int option, int value, string optionName) =>
        Set(handle, interfaceName, XdpConstants.SolSocket, option, value, optionName, "preferred busy polling needs Linux 5.11 or later");

    private static void Set(FileDescriptorHandle handle, string interfaceName, int level, int option, int value, string optionName, string hint)
    {
        if (LibC.setsockopt(handle, level, option, &value, sizeof(int)) != 0)
        {
            throw new InvalidOperationException($"setsockopt({optionName}={value}) on the AF_XDP socket of '{interfaceName}' failed ({LibC.DescribeLastError()}); {hint}.");
        }
    }

    private static Exception BindError(int errno, string interfaceName, int queueId, ushort bindFlags) => errno switch
    {
        XdpConstants.ErrorBusy => new InvalidOperationException(
            $"Queue {queueId} of '{interfaceName}' already has an AF_XDP socket bound ({LibC.Describe(errno)}): another process (or port) uses it. Stop it, or pick other queues with start-queue=Q."),
        XdpConstants.ErrorNotSupported when (bindFlags & XdpConstants.BindZeroCopy) != 0 => new InvalidOperationException(
            $"The driver of '{interfaceName}' has no AF_XDP zero-copy support ({LibC.Describe(errno)}); drop ':zerocopy' (copy mode works on every driver)."),
        XdpConstants.ErrorInvalid => new InvalidOperationException(
            $"Binding an AF_XDP socket to queue {queueId} of '{interfaceName}' was refused ({LibC.Describe(errno)}): the queue does not exist. Lower start-queue/queues, or give the interface more channels (ethtool -L {interfaceName} combined N; a veth pair takes numrxqueues/numtxqueues)."),
        XdpConstants.ErrorNetworkDown => new InvalidOperationException(
            $"Interface '{interfaceName}' is down ({LibC.Describe(errno)}); bring it up: ip link set {interfaceName} up."),
        _ => new InvalidOperationException($"Binding an AF_XDP socket to queue {queueId} of '{interfaceName}' failed ({LibC.Describe(errno)})."),
    };
}
