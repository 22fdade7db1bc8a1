using System.Diagnostics;
using System.Runtime.InteropServices;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.Tests.AfXdp.Interop;

/// <summary>
/// Compiles a C program against the system's linux/if_xdp.h, linux/bpf.h, linux/if_link.h, linux/rtnetlink.h and
/// libc headers, and checks every constant, struct size and field offset the AF_XDP port declares in C#.
/// </summary>
public sealed unsafe class XdpHeaderTests
{
    private static readonly (string CExpression, long CSharpValue, string CSharpName)[] s_checks =
    [
        ("AF_XDP", (long)XdpConstants.AddressFamilyXdp, nameof(XdpConstants) + "." + nameof(XdpConstants.AddressFamilyXdp)),
        ("SOCK_RAW", (long)XdpConstants.SocketTypeRaw, nameof(XdpConstants) + "." + nameof(XdpConstants.SocketTypeRaw)),
        ("SOL_XDP", (long)XdpConstants.SolXdp, nameof(XdpConstants) + "." + nameof(XdpConstants.SolXdp)),
        ("SOL_SOCKET", (long)XdpConstants.SolSocket, nameof(XdpConstants) + "." + nameof(XdpConstants.SolSocket)),
        ("XDP_MMAP_OFFSETS", (long)XdpConstants.XdpMmapOffsets, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpMmapOffsets)),
        ("XDP_RX_RING", (long)XdpConstants.XdpRxRing, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpRxRing)),
        ("XDP_TX_RING", (long)XdpConstants.XdpTxRing, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpTxRing)),
        ("XDP_UMEM_REG", (long)XdpConstants.XdpUmemReg, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpUmemReg)),
        ("XDP_UMEM_FILL_RING", (long)XdpConstants.XdpUmemFillRing, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpUmemFillRing)),
        ("XDP_UMEM_COMPLETION_RING", (long)XdpConstants.XdpUmemCompletionRing, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpUmemCompletionRing)),
        ("XDP_STATISTICS", (long)XdpConstants.XdpStatistics, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpStatistics)),
        ("XDP_OPTIONS", (long)XdpConstants.XdpOptions, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpOptions)),
        ("XDP_OPTIONS_ZEROCOPY", (long)XdpConstants.XdpOptionsZeroCopy, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpOptionsZeroCopy)),
        ("SOCK_CLOEXEC", (long)XdpConstants.SocketCloseOnExec, nameof(XdpConstants) + "." + nameof(XdpConstants.SocketCloseOnExec)),
        ("XDP_SHARED_UMEM", (long)XdpConstants.BindSharedUmem, nameof(XdpConstants) + "." + nameof(XdpConstants.BindSharedUmem)),
        ("XDP_COPY", (long)XdpConstants.BindCopy, nameof(XdpConstants) + "." + nameof(XdpConstants.BindCopy)),
        ("XDP_ZEROCOPY", (long)XdpConstants.BindZeroCopy, nameof(XdpConstants) + "." + nameof(XdpConstants.BindZeroCopy)),
        ("XDP_USE_NEED_WAKEUP", (long)XdpConstants.BindUseNeedWakeup, nameof(XdpConstants) + "." + nameof(XdpConstants.BindUseNeedWakeup)),
        ("XDP_UMEM_UNALIGNED_CHUNK_FLAG", (long)XdpConstants.UmemUnalignedChunkFlag, nameof(XdpConstants) + "." + nameof(XdpConstants.UmemUnalignedChunkFlag)),
        ("XDP_RING_NEED_WAKEUP", (long)XdpConstants.RingNeedWakeup, nameof(XdpConstants) + "." + nameof(XdpConstants.RingNeedWakeup)),
        ("XDP_PACKET_HEADROOM", (long)XdpConstants.PacketHeadroom, nameof(XdpConstants) + "." + nameof(XdpConstants.PacketHeadroom)),
        ("XDP_PGOFF_RX_RING", (long)XdpConstants.PageOffsetRxRing, nameof(XdpConstants) + "." + nameof(XdpConstants.PageOffsetRxRing)),
        ("XDP_PGOFF_TX_RING", (long)XdpConstants.PageOffsetTxRing, nameof(XdpConstants) + "." + nameof(XdpConstants.PageOffsetTxRing)),
        ("XDP_UMEM_PGOFF_FILL_RING", (long)XdpConstants.PageOffsetFillRing, nameof(XdpConstants) + "." + nameof(XdpConstants.PageOffsetFillRing)),
        ("XDP_UMEM_PGOFF_COMPLETION_RING", (long)XdpConstants.PageOffsetCompletionRing, nameof(XdpConstants) + "." + nameof(XdpConstants.PageOffsetCompletionRing)),
        ("XSK_UNALIGNED_BUF_OFFSET_SHIFT", (long)XdpConstants.UnalignedOffsetShift, nameof(XdpConstants) + "." + nameof(XdpConstants.UnalignedOffsetShift)),
        ("XSK_UNALIGNED_BUF_ADDR_MASK", (long)XdpConstants.UnalignedAddressMask, nameof(XdpConstants) + "." + nameof(XdpConstants.UnalignedAddressMask)),
        ("SO_BUSY_POLL", (long)XdpConstants.SocketBusyPoll, nameof(XdpConstants) + "." + nameof(XdpConstants.SocketBusyPoll)),
        ("SO_PREFER_BUSY_POLL", (long)XdpConstants.SocketPreferBusyPoll, nameof(XdpConstants) + "." + nameof(XdpConstants.SocketPreferBusyPoll)),
        ("SO_BUSY_POLL_BUDGET", (long)XdpConstants.SocketBusyPollBudget, nameof(XdpConstants) + "." + nameof(XdpConstants.SocketBusyPollBudget)),
        ("MSG_DONTWAIT", (long)XdpConstants.MessageDontWait, nameof(XdpConstants) + "." + nameof(XdpConstants.MessageDontWait)),
        ("AF_NETLINK", (long)XdpConstants.AddressFamilyNetlink, nameof(XdpConstants) + "." + nameof(XdpConstants.AddressFamilyNetlink)),
        ("NETLINK_ROUTE", (long)XdpConstants.NetlinkRoute, nameof(XdpConstants) + "." + nameof(XdpConstants.NetlinkRoute)),
        ("RTM_GETLINK", (long)XdpConstants.RouteGetLink, nameof(XdpConstants) + "." + nameof(XdpConstants.RouteGetLink)),
        ("NLM_F_REQUEST", (long)XdpConstants.NetlinkFlagRequest, nameof(XdpConstants) + "." + nameof(XdpConstants.NetlinkFlagRequest)),
        ("NLMSG_ERROR", (long)XdpConstants.NetlinkMessageError, nameof(XdpConstants) + "." + nameof(XdpConstants.NetlinkMessageError)),
        ("IFLA_XDP", (long)XdpConstants.InterfaceAttributeXdp, nameof(XdpConstants) + "." + nameof(XdpConstants.InterfaceAttributeXdp)),
        ("IFLA_XDP_PROG_ID", (long)XdpConstants.XdpAttributeProgramId, nameof(XdpConstants) + "." + nameof(XdpConstants.XdpAttributeProgramId)),
        ("(unsigned short)NLA_TYPE_MASK", (long)XdpConstants.NetlinkAttributeTypeMask, nameof(XdpConstants) + "." + nameof(XdpConstants.NetlinkAttributeTypeMask)),
        ("POLLIN", (long)XdpConstants.PollIn, nameof(XdpConstants) + "." + nameof(XdpConstants.PollIn)),
        ("EPERM", (long)XdpConstants.ErrorPermission, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorPermission)),
        ("ENOENT", (long)XdpConstants.ErrorNoEntry, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNoEntry)),
        ("EAGAIN", (long)XdpConstants.ErrorTryAgain, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorTryAgain)),
        ("ENOMEM", (long)XdpConstants.ErrorNoMemory, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNoMemory)),
        ("EACCES", (long)XdpConstants.ErrorAccess, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorAccess)),
        ("EBUSY", (long)XdpConstants.ErrorBusy, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorBusy)),
        ("EEXIST", (long)XdpConstants.ErrorExists, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorExists)),
        ("ENODEV", (long)XdpConstants.ErrorNoDevice, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNoDevice)),
        ("EINVAL", (long)XdpConstants.ErrorInvalid, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorInvalid)),
        ("ENOBUFS", (long)XdpConstants.ErrorNoBufferSpace, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNoBufferSpace)),
        ("EOPNOTSUPP", (long)XdpConstants.ErrorNotSupported, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNotSupported)),
        ("ENETDOWN", (long)XdpConstants.ErrorNetworkDown, nameof(XdpConstants) + "." + nameof(XdpConstants.ErrorNetworkDown)),
        ("BPF_MAP_CREATE", (long)BpfConstants.MapCreate, nameof(BpfConstants) + "." + nameof(BpfConstants.MapCreate)),
        ("BPF_MAP_UPDATE_ELEM", (long)BpfConstants.MapUpdateElement, nameof(BpfConstants) + "." + nameof(BpfConstants.MapUpdateElement)),
        ("BPF_PROG_LOAD", (long)BpfConstants.ProgramLoad, nameof(BpfConstants) + "." + nameof(BpfConstants.ProgramLoad)),
        ("BPF_OBJ_PIN", (long)BpfConstants.ObjectPin, nameof(BpfConstants) + "." + nameof(BpfConstants.ObjectPin)),
        ("BPF_PROG_GET_FD_BY_ID", (long)BpfConstants.ProgramGetFdById, nameof(BpfConstants) + "." + nameof(BpfConstants.ProgramGetFdById)),
        ("BPF_OBJ_GET_INFO_BY_FD", (long)BpfConstants.ObjectGetInfoByFd, nameof(BpfConstants) + "." + nameof(BpfConstants.ObjectGetInfoByFd)),
        ("BPF_LINK_CREATE", (long)BpfConstants.LinkCreate, nameof(BpfConstants) + "." + nameof(BpfConstants.LinkCreate)),
        ("BPF_LINK_GET_FD_BY_ID", (long)BpfConstants.LinkGetFdById, nameof(BpfConstants) + "." + nameof(BpfConstants.LinkGetFdById)),
        ("BPF_LINK_GET_NEXT_ID", (long)BpfConstants.LinkGetNextId, nameof(BpfConstants) + "." + nameof(BpfConstants.LinkGetNextId)),
        ("BPF_LINK_DETACH", (long)BpfConstants.LinkDetach, nameof(BpfConstants) + "." + nameof(BpfConstants.LinkDetach)),
        ("BPF_PROG_TYPE_XDP", (long)BpfConstants.ProgramTypeXdp, nameof(BpfConstants) + "." + nameof(BpfConstants.ProgramTypeXdp)),
        ("BPF_MAP_TYPE_XSKMAP", (long)BpfConstants.MapTypeXskMap, nameof(BpfConstants) + "." + nameof(BpfConstants.MapTypeXskMap)),
        ("BPF_XDP", (long)BpfConstants.AttachTypeXdp, nameof(BpfConstants) + "." + nameof(BpfConstants.AttachTypeXdp)),
        ("BPF_LINK_TYPE_XDP", (long)BpfConstants.LinkTypeXdp, nameof(BpfConstants) + "." + nameof(BpfConstants.LinkTypeXdp)),
        ("XDP_FLAGS_SKB_MODE", (long)BpfConstants.XdpFlagsSkbMode, nameof(BpfConstants) + "." + nameof(BpfConstants.XdpFlagsSkbMode)),
        ("XDP_FLAGS_DRV_MODE", (long)BpfConstants.XdpFlagsDriverMode, nameof(BpfConstants) + "." + nameof(BpfConstants.XdpFlagsDriverMode)),
        ("XDP_PASS", (long)BpfConstants.XdpPass, nameof(BpfConstants) + "." + nameof(BpfConstants.XdpPass)),
        ("BPF_FUNC_redirect_map", (long)BpfConstants.HelperRedirectMap, nameof(BpfConstants) + "." + nameof(BpfConstants.HelperRedirectMap)),
        ("BPF_PSEUDO_MAP_FD", (long)BpfConstants.PseudoMapFd, nameof(BpfConstants) + "." + nameof(BpfConstants.PseudoMapFd)),
        ("BPF_OBJ_NAME_LEN", (long)BpfConstants.ObjectNameLength, nameof(BpfConstants) + "." + nameof(BpfConstants.ObjectNameLength)),
        ("offsetof(struct xdp_md, rx_queue_index)", (long)BpfConstants.XdpMetadataRxQueueIndexOffset, nameof(BpfConstants) + "." + nameof(BpfConstants.XdpMetadataRxQueueIndexOffset)),
        ("BPF_LD", (long)BpfConstants.ClassLd, nameof(BpfConstants) + "." + nameof(BpfConstants.ClassLd)),
        ("BPF_LDX", (long)BpfConstants.ClassLdx, nameof(BpfConstants) + "." + nameof(BpfConstants.ClassLdx)),
        ("BPF_JMP", (long)BpfConstants.ClassJmp, nameof(BpfConstants) + "." + nameof(BpfConstants.ClassJmp)),
        ("BPF_ALU64", (long)BpfConstants.ClassAlu64, nameof(BpfConstants) + "." + nameof(BpfConstants.ClassAlu64)),
        ("BPF_W", (long)BpfConstants.SizeWord, nameof(BpfConstants) + "." + nameof(BpfConstants.SizeWord)),
        ("BPF_DW", (long)BpfConstants.SizeDoubleWord, nameof(BpfConstants) + "." + nameof(BpfConstants.SizeDoubleWord)),
        ("BPF_IMM", (long)BpfConstants.ModeImmediate, nameof(BpfConstants) + "." + nameof(BpfConstants.ModeImmediate)),
        ("BPF_MEM", (long)BpfConstants.ModeMemory, nameof(BpfConstants) + "." + nameof(BpfConstants.ModeMemory)),
        ("BPF_MOV", (long)BpfConstants.OperationMove, nameof(BpfConstants) + "." + nameof(BpfConstants.OperationMove)),
        ("BPF_K", (long)BpfConstants.SourceConstant, nameof(BpfConstants) + "." + nameof(BpfConstants.SourceConstant)),
        ("BPF_CALL", (long)BpfConstants.JumpCall, nameof(BpfConstants) + "." + nameof(BpfConstants.JumpCall)),
        ("BPF_EXIT", (long)BpfConstants.JumpExit, nameof(BpfConstants) + "." + nameof(BpfConstants.JumpExit)),
        ("__NR_bpf", (long)BpfConstants.NumberX64, nameof(BpfConstants) + "." + nameof(BpfConstants.NumberX64)),
        ("sizeof(struct sockaddr_xdp)", sizeof(SockAddrXdp), ""),
        ("offsetof(struct sockaddr_xdp, sxdp_family)", Offset<SockAddrXdp>(nameof(SockAddrXdp.Family)), ""),
        ("offsetof(struct sockaddr_xdp, sxdp_flags)", Offset<SockAddrXdp>(nameof(SockAddrXdp.Flags)), ""),
        ("offsetof(struct sockaddr_xdp, sxdp_ifindex)", Offset<SockAddrXdp>(nameof(SockAddrXdp.InterfaceIndex)), ""),
        ("offsetof(struct sockaddr_xdp, sxdp_queue_id)", Offset<SockAddrXdp>(nameof(SockAddrXdp.QueueId)), ""),
        ("offsetof(struct sockaddr_xdp, sxdp_shared_umem_fd)", Offset<SockAddrXdp>(nameof(SockAddrXdp.SharedUmemFd)), ""),
        ("sizeof(struct xdp_umem_reg)", sizeof(XdpUmemRegistration), ""),
        ("offsetof(struct xdp_umem_reg, addr)", Offset<XdpUmemRegistration>(nameof(XdpUmemRegistration.Address)), ""),
        ("offsetof(struct xdp_umem_reg, len)", Offset<XdpUmemRegistration>(nameof(XdpUmemRegistration.Length)), ""),
        ("offsetof(struct xdp_umem_reg, chunk_size)", Offset<XdpUmemRegistration>(nameof(XdpUmemRegistration.ChunkSize)), ""),
        ("offsetof(struct xdp_umem_reg, headroom)", Offset<XdpUmemRegistration>(nameof(XdpUmemRegistration.Headroom)), ""),
        ("offsetof(struct xdp_umem_reg, flags)", Offset<XdpUmemRegistration>(nameof(XdpUmemRegistration.Flags)), ""),
        ("sizeof(struct xdp_ring_offset)", sizeof(XdpRingOffset), ""),
        ("offsetof(struct xdp_ring_offset, producer)", Offset<XdpRingOffset>(nameof(XdpRingOffset.Producer)), ""),
        ("offsetof(struct xdp_ring_offset, consumer)", Offset<XdpRingOffset>(nameof(XdpRingOffset.Consumer)), ""),
        ("offsetof(struct xdp_ring_offset, desc)", Offset<XdpRingOffset>(nameof(XdpRingOffset.Descriptors)), ""),
        ("offsetof(struct xdp_ring_offset, flags)", Offset<XdpRingOffset>(nameof(XdpRingOffset.Flags)), ""),
        ("sizeof(struct xdp_mmap_offsets)", sizeof(XdpMmapOffsets), ""),
        ("offsetof(struct xdp_mmap_offsets, rx)", Offset<XdpMmapOffsets>(nameof(XdpMmapOffsets.Rx)), ""),
        ("offsetof(struct xdp_mmap_offsets, tx)", Offset<XdpMmapOffsets>(nameof(XdpMmapOffsets.Tx)), ""),
        ("offsetof(struct xdp_mmap_offsets, fr)", Offset<XdpMmapOffsets>(nameof(XdpMmapOffsets.Fill)), ""),
        ("offsetof(struct xdp_mmap_offsets, cr)", Offset<XdpMmapOffsets>(nameof(XdpMmapOffsets.Completion)), ""),
        ("sizeof(struct xdp_desc)", sizeof(XdpDescriptor), ""),
        ("offsetof(struct xdp_desc, addr)", Offset<XdpDescriptor>(nameof(XdpDescriptor.Address)), ""),
        ("offsetof(struct xdp_desc, len)", Offset<XdpDescriptor>(nameof(XdpDescriptor.Length)), ""),
        ("offsetof(struct xdp_desc, options)", Offset<XdpDescriptor>(nameof(XdpDescriptor.Options)), ""),
        ("sizeof(struct xdp_statistics)", sizeof(XdpStatistics), ""),
        ("offsetof(struct xdp_statistics, rx_dropped)", Offset<XdpStatistics>(nameof(XdpStatistics.RxDropped)), ""),
        ("offsetof(struct xdp_statistics, rx_invalid_descs)", Offset<XdpStatistics>(nameof(XdpStatistics.RxInvalidDescriptors)), ""),
        ("offsetof(struct xdp_statistics, tx_invalid_descs)", Offset<XdpStatistics>(nameof(XdpStatistics.TxInvalidDescriptors)), ""),
        ("offsetof(struct xdp_statistics, rx_ring_full)", Offset<XdpStatistics>(nameof(XdpStatistics.RxRingFull)), ""),
        ("offsetof(struct xdp_statistics, rx_fill_ring_empty_descs)", Offset<XdpStatistics>(nameof(XdpStatistics.RxFillRingEmpty)), ""),
        ("offsetof(struct xdp_statistics, tx_ring_empty_descs)", Offset<XdpStatistics>(nameof(XdpStatistics.TxRingEmpty)), ""),
        ("sizeof(struct bpf_insn)", sizeof(BpfInstruction), ""),
        ("offsetof(struct bpf_insn, code)", Offset<BpfInstruction>(nameof(BpfInstruction.Opcode)), ""),
        ("offsetof(struct bpf_insn, off)", Offset<BpfInstruction>(nameof(BpfInstruction.Offset)), ""),
        ("offsetof(struct bpf_insn, imm)", Offset<BpfInstruction>(nameof(BpfInstruction.Immediate)), ""),
        ("sizeof(struct nlmsghdr)", sizeof(NetlinkMessageHeader), ""),
        ("offsetof(struct nlmsghdr, nlmsg_len)", Offset<NetlinkMessageHeader>(nameof(NetlinkMessageHeader.Length)), ""),
        ("offsetof(struct nlmsghdr, nlmsg_type)", Offset<NetlinkMessageHeader>(nameof(NetlinkMessageHeader.Type)), ""),
        ("offsetof(struct nlmsghdr, nlmsg_flags)", Offset<NetlinkMessageHeader>(nameof(NetlinkMessageHeader.Flags)), ""),
        ("offsetof(struct nlmsghdr, nlmsg_seq)", Offset<NetlinkMessageHeader>(nameof(NetlinkMessageHeader.Sequence)), ""),
        ("offsetof(struct nlmsghdr, nlmsg_pid)", Offset<NetlinkMessageHeader>(nameof(NetlinkMessageHeader.PortId)), ""),
        ("sizeof(struct ifinfomsg)", sizeof(InterfaceInfoMessage), ""),
        ("offsetof(struct ifinfomsg, ifi_family)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Family)), ""),
        ("offsetof(struct ifinfomsg, ifi_type)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Type)), ""),
        ("offsetof(struct ifinfomsg, ifi_index)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Index)), ""),
        ("offsetof(struct ifinfomsg, ifi_flags)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Flags)), ""),
        ("offsetof(struct ifinfomsg, ifi_change)", Offset<InterfaceInfoMessage>(nameof(InterfaceInfoMessage.Change)), ""),
        ("sizeof(struct rtattr)", sizeof(NetlinkAttribute), ""),
        ("offsetof(struct rtattr, rta_len)", Offset<NetlinkAttribute>(nameof(NetlinkAttribute.Length)), ""),
        ("offsetof(struct rtattr, rta_type)", Offset<NetlinkAttribute>(nameof(NetlinkAttribute.Type)), ""),
        ("offsetof(union bpf_attr, map_type)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.MapType)), ""),
        ("offsetof(union bpf_attr, key_size)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.KeySize)), ""),
        ("offsetof(union bpf_attr, value_size)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.ValueSize)), ""),
        ("offsetof(union bpf_attr, max_entries)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.MaxEntries)), ""),
        ("offsetof(union bpf_attr, map_flags)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.MapFlags)), ""),
        ("offsetof(union bpf_attr, inner_map_fd)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.InnerMapFd)), ""),
        ("offsetof(union bpf_attr, numa_node)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.NumaNode)), ""),
        ("offsetof(union bpf_attr, map_name)", Offset<BpfMapCreateAttributes>(nameof(BpfMapCreateAttributes.MapName)), ""),
        ("offsetof(union bpf_attr, map_fd)", Offset<BpfMapElementAttributes>(nameof(BpfMapElementAttributes.MapFd)), ""),
        ("offsetof(union bpf_attr, key)", Offset<BpfMapElementAttributes>(nameof(BpfMapElementAttributes.Key)), ""),
        ("offsetof(union bpf_attr, value)", Offset<BpfMapElementAttributes>(nameof(BpfMapElementAttributes.Value)), ""),
        ("offsetof(union bpf_attr, flags)", Offset<BpfMapElementAttributes>(nameof(BpfMapElementAttributes.Flags)), ""),
        ("offsetof(union bpf_attr, prog_type)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.ProgramType)), ""),
        ("offsetof(union bpf_attr, insn_cnt)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.InstructionCount)), ""),
        ("offsetof(union bpf_attr, insns)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.Instructions)), ""),
        ("offsetof(union bpf_attr, license)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.License)), ""),
        ("offsetof(union bpf_attr, log_level)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.LogLevel)), ""),
        ("offsetof(union bpf_attr, log_size)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.LogSize)), ""),
        ("offsetof(union bpf_attr, log_buf)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.LogBuffer)), ""),
        ("offsetof(union bpf_attr, kern_version)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.KernelVersion)), ""),
        ("offsetof(union bpf_attr, prog_flags)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.ProgramFlags)), ""),
        ("offsetof(union bpf_attr, prog_name)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.ProgramName)), ""),
        ("offsetof(union bpf_attr, prog_ifindex)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.ProgramInterfaceIndex)), ""),
        ("offsetof(union bpf_attr, expected_attach_type)", Offset<BpfProgramLoadAttributes>(nameof(BpfProgramLoadAttributes.ExpectedAttachType)), ""),
        ("offsetof(union bpf_attr, link_create.prog_fd)", Offset<BpfLinkCreateAttributes>(nameof(BpfLinkCreateAttributes.ProgramFd)), ""),
        ("offsetof(union bpf_attr, link_create.target_ifindex)", Offset<BpfLinkCreateAttributes>(nameof(BpfLinkCreateAttributes.TargetInterfaceIndex)), ""),
        ("offsetof(union bpf_attr, link_create.attach_type)", Offset<BpfLinkCreateAttributes>(nameof(BpfLinkCreateAttributes.AttachType)), ""),
        ("offsetof(union bpf_attr, link_create.flags)", Offset<BpfLinkCreateAttributes>(nameof(BpfLinkCreateAttributes.Flags)), ""),
        ("offsetof(union bpf_attr, link_id)", Offset<BpfObjectIdAttributes>(nameof(BpfObjectIdAttributes.Id)), ""),
        ("offsetof(union bpf_attr, next_id)", Offset<BpfObjectIdAttributes>(nameof(BpfObjectIdAttributes.NextId)), ""),
        ("offsetof(union bpf_attr, open_flags)", Offset<BpfObjectIdAttributes>(nameof(BpfObjectIdAttributes.OpenFlags)), ""),
        ("offsetof(union bpf_attr, info.bpf_fd)", Offset<BpfObjectInfoAttributes>(nameof(BpfObjectInfoAttributes.Fd)), ""),
        ("offsetof(union bpf_attr, info.info_len)", Offset<BpfObjectInfoAttributes>(nameof(BpfObjectInfoAttributes.InfoLength)), ""),
        ("offsetof(union bpf_attr, info.info)", Offset<BpfObjectInfoAttributes>(nameof(BpfObjectInfoAttributes.Info)), ""),
        ("offsetof(union bpf_attr, pathname)", Offset<BpfObjectPinAttributes>(nameof(BpfObjectPinAttributes.PathName)), ""),
        ("offsetof(union bpf_attr, bpf_fd)", Offset<BpfObjectPinAttributes>(nameof(BpfObjectPinAttributes.Fd)), ""),
        ("offsetof(union bpf_attr, file_flags)", Offset<BpfObjectPinAttributes>(nameof(BpfObjectPinAttributes.FileFlags)), ""),
        ("offsetof(union bpf_attr, link_detach.link_fd)", 0, ""),
        ("offsetof(struct bpf_link_info, type)", Offset<BpfLinkInfo>(nameof(BpfLinkInfo.Type)), ""),
        ("offsetof(struct bpf_link_info, id)", Offset<BpfLinkInfo>(nameof(BpfLinkInfo.Id)), ""),
        ("offsetof(struct bpf_link_info, prog_id)", Offset<BpfLinkInfo>(nameof(BpfLinkInfo.ProgramId)), ""),
        ("offsetof(struct bpf_link_info, xdp.ifindex)", Offset<BpfLinkInfo>(nameof(BpfLinkInfo.XdpInterfaceIndex)), ""),
        ("offsetof(struct bpf_prog_info, type)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.Type)), ""),
        ("offsetof(struct bpf_prog_info, id)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.Id)), ""),
        ("offsetof(struct bpf_prog_info, tag)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.Tag)), ""),
        ("offsetof(struct bpf_prog_info, jited_prog_len)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.JitedLength)), ""),
        ("offsetof(struct bpf_prog_info, xlated_prog_len)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.TranslatedLength)), ""),
        ("offsetof(struct bpf_prog_info, jited_prog_insns)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.JitedInstructions)), ""),
        ("offsetof(struct bpf_prog_info, xlated_prog_insns)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.TranslatedInstructions)), ""),
        ("offsetof(struct bpf_prog_info, load_time)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.LoadTime)), ""),
        ("offsetof(struct bpf_prog_info, created_by_uid)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.CreatedByUid)), ""),
        ("offsetof(struct bpf_prog_info, nr_map_ids)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.MapIdCount)), ""),
        ("offsetof(struct bpf_prog_info, map_ids)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.MapIds)), ""),
        ("offsetof(struct bpf_prog_info, name)", Offset<BpfProgramInfo>(nameof(BpfProgramInfo.Name)), ""),
    ];

    [Fact]
    public void EveryConstantAndLayout_MatchesTheSystemHeaders()
    {
        Dictionary<string, long> actual = CompileAndRun(FindGcc());

        var mismatches = s_checks
            .Where(check => actual[check.CExpression] != check.CSharpValue)
            .Select(check => $"{check.CExpression}: C headers say {actual[check.CExpression]}, C# declares {check.CSharpValue}")
            .ToList();

        Assert.True(mismatches.Count == 0, "Layouts differ from the system headers:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void EveryConstantTheInteropDeclares_IsChecked()
    {
        var declared = typeof(XdpConstants).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(field => $"XdpConstants.{field.Name}")
            .Concat(typeof(BpfConstants).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(field => $"BpfConstants.{field.Name}"))
            // The arm64 bpf() number cannot be checked on an x86-64 build host; XDP_UMEM_MIN_CHUNK_SIZE is kernel-internal (net/xdp_sock.h).
            .Where(name => name is not ("BpfConstants.NumberArm64" or "XdpConstants.UmemMinimumChunkSize"))
            .ToHashSet();
        var checkedNames = s_checks.Select(check => check.CSharpName).ToHashSet();
        string[] unchecked_ = declared.Where(name => !checkedNames.Contains(name)).ToArray();
        Assert.True(unchecked_.Length == 0, "Declared but not checked against the headers: " + string.Join(", ", unchecked_));
    }

    [Fact]
    public void TheRedirectProgram_IsTheSixInstructionsOfRedirectMapWithPassAsFallback()
    {
        BpfInstruction[] program = FastPath.Ports.Virtual.AfXdp.XskRedirectProgram.Build(mapFd: 7);

        Assert.Equal(6, program.Length);
        Assert.Equal(0x61, program[0].Opcode);
        Assert.Equal(0x12, program[0].Registers);
        Assert.Equal(16, program[0].Offset);
        Assert.Equal(0x18, program[1].Opcode);
        Assert.Equal(0x11, program[1].Registers);
        Assert.Equal(7, program[1].Immediate);
        Assert.Equal(0xb7, program[3].Opcode);
        Assert.Equal(2, program[3].Immediate);
        Assert.Equal(0x85, program[4].Opcode);
        Assert.Equal(51, program[4].Immediate);
        Assert.Equal(0x95, program[5].Opcode);
    }

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();

    private static string FindGcc()
    {
        string? gcc = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(dir => Path.Combine(dir, "gcc")).FirstOrDefault(File.Exists);
        Assert.True(gcc is not null && File.Exists("/usr/include/linux/if_xdp.h"),
            "The header check needs gcc and the Linux UAPI headers: apt-get install gcc linux-libc-dev");
        return gcc!;
    }

    private static Dictionary<string, long> CompileAndRun(string gcc)
    {
        string directory = Directory.CreateTempSubdirectory("fastpath-xdp-headers-").FullName;
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
            #include <poll.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <sys/socket.h>
            #include <sys/syscall.h>
            #include <linux/bpf.h>
            #include <linux/if_link.h>
            #include <linux/if_xdp.h>
            #include <linux/netlink.h>
            #include <linux/rtnetlink.h>

            int main(void)
            {

            """);
        foreach ((string expression, _, _) in s_checks)
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
