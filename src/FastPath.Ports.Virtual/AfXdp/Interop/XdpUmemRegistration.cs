using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>
/// <c>struct xdp_umem_reg</c>: the memory an AF_XDP socket's frames live in. Its 4 bytes of tail padding are the
/// <c>tx_metadata_len</c> of Linux 6.8 and later and must stay zero (no transmit metadata).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct XdpUmemRegistration
{
    public ulong Address;
    public ulong Length;
    public uint ChunkSize;
    public uint Headroom;
    public uint Flags;
}
