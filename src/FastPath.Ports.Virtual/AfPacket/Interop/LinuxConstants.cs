namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary>
/// The Linux ABI constants AF_PACKET sockets use, from linux/if_packet.h, linux/if_ether.h, sys/socket.h, net/if.h,
/// sys/ioctl.h, poll.h and errno.h. A test compiles a C program against the system headers to check every value.
/// </summary>
internal static class LinuxConstants
{
    public const int AddressFamilyPacket = 17;
    public const int SocketTypeRaw = 3;
    public const ushort EtherTypeAll = 0x0003;
    public const int SolPacket = 263;

    public const int PacketAddMembership = 1;
    public const int PacketRxRing = 5;
    public const int PacketStatistics = 6;
    public const int PacketVersion = 10;
    public const int PacketTxRing = 13;
    public const int PacketLoss = 14;
    public const int PacketFanout = 18;
    public const int PacketQdiscBypass = 20;
    public const int PacketIgnoreOutgoing = 23;

    public const int PacketMembershipPromiscuous = 1;
    public const int PacketFanoutHash = 0;
    public const int PacketFanoutFlagUniqueId = 0x2000;

    public const int TPacketVersion3 = 2;
    public const int TPacketAlignment = 16;
    public const uint TPacketFeatureFillRxHash = 0x1;

    public const uint TpStatusKernel = 0;
    public const uint TpStatusUser = 1;
    public const uint TpStatusVlanValid = 1 << 4;
    public const uint TpStatusVlanTpidValid = 1 << 6;
    public const ushort EtherTypeVlan = 0x8100;
    public const uint TpStatusAvailable = 0;
    public const uint TpStatusSendRequest = 1;

    public const int MessageDontWait = 0x40;

    public const ulong IoctlGetInterfaceFlags = 0x8913;
    public const ulong IoctlGetHardwareAddress = 0x8927;
    public const short InterfaceFlagUp = 0x1;
    public const short InterfaceFlagRunning = 0x40;
    public const int InterfaceNameSize = 16;

    public const short PollIn = 0x1;
    public const short PollError = 0x8;

    public const int ErrorPermission = 1;
    public const int ErrorAccess = 13;
    public const int ErrorNoDevice = 19;
}
