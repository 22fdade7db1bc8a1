using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary><c>struct vfio_irq_info</c>, the argument of <c>VFIO_DEVICE_GET_IRQ_INFO</c>.</summary>
[NativeName("struct vfio_irq_info")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIrqInfoNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("index")]
    public uint Index;

    [NativeName("count")]
    public uint Count;
}
