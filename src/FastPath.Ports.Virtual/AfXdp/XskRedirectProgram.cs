using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// The XDP program the port attaches, written here in six BPF instructions: it redirects each frame into the XSKMAP
/// slot of the queue it arrived on, and lets it pass to the kernel's stack when that slot holds no socket
/// (<c>bpf_redirect_map(&amp;xsks, ctx-&gt;rx_queue_index, XDP_PASS)</c>, the lower flag bits being the fallback action).
/// </summary>
internal static class XskRedirectProgram
{
    /// <summary>The program's name in the kernel, how a later start recognises a FastPath program.</summary>
    public const string Name = "fastpath_xsk";

    /// <summary>The XSKMAP's name in the kernel.</summary>
    public const string MapName = "fastpath_xsks";

    private const int R1 = 1;
    private const int R2 = 2;
    private const int R3 = 3;

    /// <summary>The instructions, with the XSKMAP <paramref name="mapFd"/> loaded as a BPF_PSEUDO_MAP_FD immediate.</summary>
    public static BpfInstruction[] Build(int mapFd) =>
    [
        // r2 = ((struct xdp_md *)r1)->rx_queue_index
        new((byte)(BpfConstants.ClassLdx | BpfConstants.SizeWord | BpfConstants.ModeMemory), R2, R1, BpfConstants.XdpMetadataRxQueueIndexOffset, 0),

        // r1 = the map (a 16-byte wide immediate load; the source register marks the immediate as a map descriptor)
        new((byte)(BpfConstants.ClassLd | BpfConstants.SizeDoubleWord | BpfConstants.ModeImmediate), R1, BpfConstants.PseudoMapFd, 0, mapFd),
        new(0, 0, 0, 0, 0),

        // r3 = XDP_PASS, the action when the slot is empty
        new((byte)(BpfConstants.ClassAlu64 | BpfConstants.OperationMove | BpfConstants.SourceConstant), R3, 0, 0, BpfConstants.XdpPass),

        // r0 = bpf_redirect_map(r1, r2, r3); return r0
        new((byte)(BpfConstants.ClassJmp | BpfConstants.JumpCall), 0, 0, 0, BpfConstants.HelperRedirectMap),
        new((byte)(BpfConstants.ClassJmp | BpfConstants.JumpExit), 0, 0, 0, 0),
    ];
}
