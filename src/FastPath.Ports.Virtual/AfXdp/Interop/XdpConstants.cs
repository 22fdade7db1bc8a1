namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>
/// The Linux ABI constants AF_XDP sockets and the bpf() system call use, from linux/if_xdp.h, linux/bpf.h,
/// linux/if_link.h, asm-generic/socket.h and errno.h. A test compiles a C program against the system headers and
/// compares every value.
/// </summary>
internal static class XdpConstants
{
    public const int AddressFamilyXdp = 44;
    public const int SocketTypeRaw = 3;
    public const int SolXdp = 283;
    public const int SolSocket = 1;

    public const int XdpMmapOffsets = 1;
    public const int XdpRxRing = 2;
    public const int XdpTxRing = 3;
    public const int XdpUmemReg = 4;
    public const int XdpUmemFillRing = 5;
    public const int XdpUmemCompletionRing = 6;
    public const int XdpStatistics = 7;
    public const int XdpOptions = 8;
    public const uint XdpOptionsZeroCopy = 1 << 0;
    public const int SocketCloseOnExec = 0x80000;

    public const ushort BindSharedUmem = 1 << 0;
    public const ushort BindCopy = 1 << 1;
    public const ushort BindZeroCopy = 1 << 2;
    public const ushort BindUseNeedWakeup = 1 << 3;

    public const uint UmemUnalignedChunkFlag = 1 << 0;
    public const uint RingNeedWakeup = 1 << 0;
    public const int UmemMinimumChunkSize = 2048;
    public const int PacketHeadroom = 256;

    public const long PageOffsetRxRing = 0;
    public const long PageOffsetTxRing = 0x80000000;
    public const long PageOffsetFillRing = 0x100000000;
    public const long PageOffsetCompletionRing = 0x180000000;

    public const int UnalignedOffsetShift = 48;
    public const ulong UnalignedAddressMask = (1UL << UnalignedOffsetShift) - 1;

    public const int SocketBusyPoll = 46;
    public const int SocketPreferBusyPoll = 69;
    public const int SocketBusyPollBudget = 70;

    public const int MessageDontWait = 0x40;

    public const int AddressFamilyNetlink = 16;
    public const int NetlinkRoute = 0;
    public const ushort RouteGetLink = 18;
    public const ushort NetlinkFlagRequest = 1;
    public const ushort NetlinkMessageError = 2;
    public const ushort InterfaceAttributeXdp = 43;
    public const ushort XdpAttributeProgramId = 4;
    public const ushort NetlinkAttributeTypeMask = 0x3fff;
    public const short PollIn = 0x1;

    public const int ErrorPermission = 1;
    public const int ErrorNoEntry = 2;
    public const int ErrorTryAgain = 11;
    public const int ErrorNoMemory = 12;
    public const int ErrorAccess = 13;
    public const int ErrorBusy = 16;
    public const int ErrorExists = 17;
    public const int ErrorNoDevice = 19;
    public const int ErrorInvalid = 22;
    public const int ErrorNoBufferSpace = 105;
    public const int ErrorNotSupported = 95;
    public const int ErrorNetworkDown = 100;
}
