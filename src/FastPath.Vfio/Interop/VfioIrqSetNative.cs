using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Vfio.Interop;

/// <summary>
/// <c>struct vfio_irq_set</c> up to its flexible <c>data</c> array (eventfds as 32-bit ints or bools as bytes),
/// the argument of <c>VFIO_DEVICE_SET_IRQS</c>.
/// </summary>
[NativeName("struct vfio_irq_set")]
[StructLayout(LayoutKind.Sequential)]
internal struct VfioIrqSetNative
{
    [NativeName("argsz")]
    public uint ArgumentSize;

    [NativeName("flags")]
    public uint Flags;

    [NativeName("index")]
    public uint Index;

    [NativeName("start")]
    public uint Start;

    [NativeName("count")]
    public uint Count;
}
