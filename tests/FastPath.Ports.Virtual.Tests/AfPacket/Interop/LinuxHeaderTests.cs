using System.Diagnostics;
using System.Runtime.InteropServices;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfPacket;
using FastPath.Ports.Virtual.AfPacket.Interop;

namespace FastPath.Ports.Virtual.Tests.AfPacket.Interop;

/// <summary>
/// Compiles a C program against the system's linux/if_packet.h and libc headers and checks every constant, struct
/// size and field offset the AF_PACKET port declares in C#.
/// </summary>
public sealed unsafe class LinuxHeaderTests
{
    private static readonly (string CExpression, long CSharpValue)[] s_checks =
    [
        ("AF_PACKET", LinuxConstants.AddressFamilyPacket),
        ("SOCK_RAW", LinuxConstants.SocketTypeRaw),
        ("ETH_P_ALL", LinuxConstants.EtherTypeAll),
        ("SOL_PACKET", LinuxConstants.SolPacket),
        ("PACKET_ADD_MEMBERSHIP", LinuxConstants.PacketAddMembership),
        ("PACKET_RX_RING", LinuxConstants.PacketRxRing),
        ("PACKET_STATISTICS", LinuxConstants.PacketStatistics),
        ("PACKET_VERSION", LinuxConstants.PacketVersion),
        ("PACKET_TX_RING", LinuxConstants.PacketTxRing),
        ("PACKET_LOSS", LinuxConstants.PacketLoss),
        ("PACKET_FANOUT", LinuxConstants.PacketFanout),
        ("PACKET_QDISC_BYPASS", LinuxConstants.PacketQdiscBypass),
        ("PACKET_IGNORE_OUTGOING", LinuxConstants.PacketIgnoreOutgoing),
        ("PACKET_MR_PROMISC", LinuxConstants.PacketMembershipPromiscuous),
        ("PACKET_FANOUT_HASH", LinuxConstants.PacketFanoutHash),
        ("PACKET_FANOUT_FLAG_UNIQUEID", LinuxConstants.PacketFanoutFlagUniqueId),
        ("TPACKET_V3", LinuxConstants.TPacketVersion3),
        ("TPACKET_ALIGNMENT", LinuxConstants.TPacketAlignment),
        ("TP_FT_REQ_FILL_RXHASH", LinuxConstants.TPacketFeatureFillRxHash),
        ("TP_STATUS_KERNEL", LinuxConstants.TpStatusKernel),
        ("TP_STATUS_USER", LinuxConstants.TpStatusUser),
        ("TP_STATUS_VLAN_VALID", LinuxConstants.TpStatusVlanValid),
        ("TP_STATUS_VLAN_TPID_VALID", LinuxConstants.TpStatusVlanTpidValid),
        ("ETH_P_8021Q", LinuxConstants.EtherTypeVlan),
        ("TP_STATUS_AVAILABLE", LinuxConstants.TpStatusAvailable),
        ("TP_STATUS_SEND_REQUEST", LinuxConstants.TpStatusSendRequest),
        ("MSG_DONTWAIT", LinuxConstants.MessageDontWait),
        ("SIOCGIFFLAGS", (long)LinuxConstants.IoctlGetInterfaceFlags),
        ("SIOCGIFHWADDR", (long)LinuxConstants.IoctlGetHardwareAddress),
        ("IFF_UP", LinuxConstants.InterfaceFlagUp),
        ("IFF_RUNNING", LinuxConstants.InterfaceFlagRunning),
        ("IFNAMSIZ", LinuxConstants.InterfaceNameSize),
        ("POLLIN", LinuxConstants.PollIn),
        ("POLLERR", LinuxConstants.PollError),
        ("EPERM", LinuxConstants.ErrorPermission),
        ("EACCES", LinuxConstants.ErrorAccess),
        ("ENODEV", LinuxConstants.ErrorNoDevice),
        ("PROT_READ", LibC.ProtRead),
        ("PROT_WRITE", LibC.ProtWrite),
        ("MAP_SHARED", LibC.MapShared),
        ("MAP_POPULATE", LibC.MapPopulate),
        ("(long)MAP_FAILED", LibC.MapFailed),
        ("TPACKET3_HDRLEN - sizeof(struct sockaddr_ll)", PacketSocket.TxDataOffset),

        ("sizeof(struct tpacket_req3)", sizeof(TPacketRequest3)),
        ("offsetof(struct tpacket_req3, tp_block_size)", Offset<TPacketRequest3>(nameof(TPacketRequest3.BlockSize))),
        ("offsetof(struct tpacket_req3, tp_block_nr)", Offset<TPacketRequest3>(nameof(TPacketRequest3.BlockCount))),
        ("offsetof(struct tpacket_req3, tp_frame_size)", Offset<TPacketRequest3>(nameof(TPacketRequest3.FrameSize))),
        ("offsetof(struct tpacket_req3, tp_frame_nr)", Offset<TPacketRequest3>(nameof(TPacketRequest3.FrameCount))),
        ("offsetof(struct tpacket_req3, tp_retire_blk_tov)", Offset<TPacketRequest3>(nameof(TPacketRequest3.RetireBlockTimeoutMs))),
        ("offsetof(struct tpacket_req3, tp_sizeof_priv)", Offset<TPacketRequest3>(nameof(TPacketRequest3.PrivateSize))),
        ("offsetof(struct tpacket_req3, tp_feature_req_word)", Offset<TPacketRequest3>(nameof(TPacketRequest3.FeatureRequestWord))),

        ("sizeof(struct tpacket_block_desc)", sizeof(TPacketBlockDescriptor)),
        ("offsetof(struct tpacket_block_desc, version)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.Version))),
        ("offsetof(struct tpacket_block_desc, offset_to_priv)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.OffsetToPrivate))),
        ("offsetof(struct tpacket_block_desc, hdr.bh1.block_status)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.BlockStatus))),
        ("offsetof(struct tpacket_block_desc, hdr.bh1.num_pkts)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.PacketCount))),
        ("offsetof(struct tpacket_block_desc, hdr.bh1.offset_to_first_pkt)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.OffsetToFirstPacket))),
        ("offsetof(struct tpacket_block_desc, hdr.bh1.blk_len)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.BlockLength))),
        ("offsetof(struct tpacket_block_desc, hdr.bh1.seq_num)", Offset<TPacketBlockDescriptor>(nameof(TPacketBlockDescriptor.SequenceNumber))),

        ("sizeof(struct tpacket3_hdr)", sizeof(TPacket3Header)),
        ("offsetof(struct tpacket3_hdr, tp_next_offset)", Offset<TPacket3Header>(nameof(TPacket3Header.NextOffset))),
        ("offsetof(struct tpacket3_hdr, tp_sec)", Offset<TPacket3Header>(nameof(TPacket3Header.Seconds))),
        ("offsetof(struct tpacket3_hdr, tp_nsec)", Offset<TPacket3Header>(nameof(TPacket3Header.Nanoseconds))),
        ("offsetof(struct tpacket3_hdr, tp_snaplen)", Offset<TPacket3Header>(nameof(TPacket3Header.SnapLength))),
        ("offsetof(struct tpacket3_hdr, tp_len)", Offset<TPacket3Header>(nameof(TPacket3Header.Length))),
        ("offsetof(struct tpacket3_hdr, tp_status)", Offset<TPacket3Header>(nameof(TPacket3Header.Status))),
        ("offsetof(struct tpacket3_hdr, tp_mac)", Offset<TPacket3Header>(nameof(TPacket3Header.MacOffset))),
        ("offsetof(struct tpacket3_hdr, tp_net)", Offset<TPacket3Header>(nameof(TPacket3Header.NetworkOffset))),
        ("offsetof(struct tpacket3_hdr, hv1.tp_rxhash)", Offset<TPacket3Header>(nameof(TPacket3Header.RxHash))),
        ("offsetof(struct tpacket3_hdr, hv1.tp_vlan_tci)", Offset<TPacket3Header>(nameof(TPacket3Header.VlanTci))),
        ("offsetof(struct tpacket3_hdr, hv1.tp_vlan_tpid)", Offset<TPacket3Header>(nameof(TPacket3Header.VlanTpid))),

        ("sizeof(struct sockaddr_ll)", sizeof(SockAddrLinkLayer)),
        ("offsetof(struct sockaddr_ll, sll_family)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.Family))),
        ("offsetof(struct sockaddr_ll, sll_protocol)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.ProtocolBigEndian))),
        ("offsetof(struct sockaddr_ll, sll_ifindex)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.InterfaceIndex))),
        ("offsetof(struct sockaddr_ll, sll_hatype)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.HardwareType))),
        ("offsetof(struct sockaddr_ll, sll_pkttype)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.PacketType))),
        ("offsetof(struct sockaddr_ll, sll_halen)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.AddressLength))),
        ("offsetof(struct sockaddr_ll, sll_addr)", Offset<SockAddrLinkLayer>(nameof(SockAddrLinkLayer.Address))),

        ("sizeof(struct packet_mreq)", sizeof(PacketMembershipRequest)),
        ("offsetof(struct packet_mreq, mr_ifindex)", Offset<PacketMembershipRequest>(nameof(PacketMembershipRequest.InterfaceIndex))),
        ("offsetof(struct packet_mreq, mr_type)", Offset<PacketMembershipRequest>(nameof(PacketMembershipRequest.Type))),
        ("offsetof(struct packet_mreq, mr_alen)", Offset<PacketMembershipRequest>(nameof(PacketMembershipRequest.AddressLength))),
        ("offsetof(struct packet_mreq, mr_address)", Offset<PacketMembershipRequest>(nameof(PacketMembershipRequest.Address))),

        ("sizeof(struct tpacket_stats_v3)", sizeof(TPacketStatisticsV3)),
        ("offsetof(struct tpacket_stats_v3, tp_packets)", Offset<TPacketStatisticsV3>(nameof(TPacketStatisticsV3.Packets))),
        ("offsetof(struct tpacket_stats_v3, tp_drops)", Offset<TPacketStatisticsV3>(nameof(TPacketStatisticsV3.Drops))),
        ("offsetof(struct tpacket_stats_v3, tp_freeze_q_cnt)", Offset<TPacketStatisticsV3>(nameof(TPacketStatisticsV3.FreezeQueueCount))),

        ("sizeof(struct pollfd)", sizeof(PollDescriptor)),
        ("offsetof(struct pollfd, fd)", Offset<PollDescriptor>(nameof(PollDescriptor.FileDescriptor))),
        ("offsetof(struct pollfd, events)", Offset<PollDescriptor>(nameof(PollDescriptor.Events))),
        ("offsetof(struct pollfd, revents)", Offset<PollDescriptor>(nameof(PollDescriptor.ReturnedEvents))),

        ("sizeof(struct ifreq)", sizeof(InterfaceRequest)),
        ("offsetof(struct ifreq, ifr_name)", Offset<InterfaceRequest>(nameof(InterfaceRequest.Name))),
        ("offsetof(struct ifreq, ifr_flags)", Offset<InterfaceRequest>(nameof(InterfaceRequest.Flags))),
        ("offsetof(struct ifreq, ifr_hwaddr.sa_family)", Offset<InterfaceRequest>(nameof(InterfaceRequest.HardwareAddressFamily))),
        ("offsetof(struct ifreq, ifr_hwaddr.sa_data)", Offset<InterfaceRequest>(nameof(InterfaceRequest.HardwareAddress))),

        ("sizeof(struct if_nameindex)", sizeof(InterfaceNameIndex)),
        ("offsetof(struct if_nameindex, if_index)", Offset<InterfaceNameIndex>(nameof(InterfaceNameIndex.Index))),
        ("offsetof(struct if_nameindex, if_name)", Offset<InterfaceNameIndex>(nameof(InterfaceNameIndex.Name))),
    ];

    [Fact]
    public void EveryConstantAndLayout_MatchesTheSystemHeaders()
    {
        string gcc = FindGcc();
        Dictionary<string, long> actual = CompileAndRun(gcc);

        var mismatches = s_checks
            .Where(check => actual[check.CExpression] != check.CSharpValue)
            .Select(check => $"{check.CExpression}: C headers say {actual[check.CExpression]}, C# declares {check.CSharpValue}")
            .ToList();

        Assert.True(mismatches.Count == 0, "Layouts differ from the system headers:\n" + string.Join("\n", mismatches));
    }

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();

    private static string FindGcc()
    {
        string? gcc = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(dir => Path.Combine(dir, "gcc")).FirstOrDefault(File.Exists);
        Assert.True(gcc is not null && File.Exists("/usr/include/linux/if_packet.h"),
            "The header check needs gcc and the Linux UAPI headers: apt-get install gcc linux-libc-dev");
        return gcc!;
    }

    private static Dictionary<string, long> CompileAndRun(string gcc)
    {
        string directory = Directory.CreateTempSubdirectory("fastpath-headers-").FullName;
        try
        {
            string source = Path.Combine(directory, "check.c");
            string binary = Path.Combine(directory, "check");
            File.WriteAllText(source, GenerateProgram());
            (int compileExit, string compileOutput) = Run(gcc, $"-std=gnu11 -Wall -o {binary} {source}");
            Assert.True(compileExit == 0, $"gcc failed to compile the header check (apt-get install gcc linux-libc-dev):\n{compileOutput}");
            (int exit, string output) = Run(binary, string.Empty);
            Assert.Equal(0, exit);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string GenerateProgram()
    {
        var program = new System.Text.StringBuilder("""
            #include <errno.h>
            #include <net/if.h>
            #include <poll.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <sys/ioctl.h>
            #include <sys/mman.h>
            #include <sys/socket.h>
            #include <linux/if_ether.h>
            #include <linux/if_packet.h>

            int main(void)
            {

            """);
        foreach ((string expression, _) in s_checks)
        {
            program.Append($"    printf(\"%s\\t%lld\\n\", \"{expression}\", (long long)({expression}));\n");
        }

        program.Append("    return 0;\n}\n");
        return program.ToString();
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
