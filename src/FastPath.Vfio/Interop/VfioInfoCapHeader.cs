using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_info_cap_header</c>: one link of an info capability chain.</summary>
[NativeName("struct vfio_info_cap_header")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioInfoCapHeader
{
    [NativeName("id")]
    public ushort Id;

    [NativeName("version")]
    public ushort Version;

    [NativeName("next")]
    public uint Next;
}
