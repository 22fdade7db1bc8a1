using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary><c>struct xdp_statistics</c>: what the kernel dropped for a socket, read with <c>XDP_STATISTICS</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XdpStatistics
{
    public ulong RxDropped;
    public ulong RxInvalidDescriptors;
    public ulong TxInvalidDescriptors;
    public ulong RxRingFull;
    public ulong RxFillRingEmpty;
    public ulong TxRingEmpty;
}
