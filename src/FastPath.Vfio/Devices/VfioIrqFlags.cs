using FastPath.Linux.Events;
using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Devices;

/// <summary>The flags <c>VFIO_DEVICE_GET_IRQ_INFO</c> reports.</summary>
[Flags]
public enum VfioIrqFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The interrupts can signal eventfds.</summary>
    [NativeName("VFIO_IRQ_INFO_EVENTFD")]
    EventFd = 1 << 0,

    /// <summary>The interrupts can be masked and unmasked.</summary>
    [NativeName("VFIO_IRQ_INFO_MASKABLE")]
    Maskable = 1 << 1,

    /// <summary>The kernel masks the interrupt when it fires (INTx); unmask after handling.</summary>
    [NativeName("VFIO_IRQ_INFO_AUTOMASKED")]
    AutoMasked = 1 << 2,

    /// <summary>The vector count cannot change while enabled.</summary>
    [NativeName("VFIO_IRQ_INFO_NORESIZE")]
    NoResize = 1 << 3,
}
