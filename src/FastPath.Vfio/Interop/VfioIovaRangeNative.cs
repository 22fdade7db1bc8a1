using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_iova_range</c>: an inclusive range of usable IOVAs.</summary>
[NativeName("struct vfio_iova_range")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIovaRangeNative
{
    [NativeName("start")]
    public ulong Start;

    [NativeName("end")]
    public ulong End;
}
