using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Pci;

/// <summary>Bits of the PCI command register (config offset 0x04).</summary>
[Flags]
public enum PciCommand : ushort
{
    /// <summary>No bit set: the device neither decodes nor masters.</summary>
    None = 0,

    /// <summary>The device responds to I/O space accesses.</summary>
    [NativeName("PCI_COMMAND_IO")]
    IoSpace = 0x1,

    /// <summary>The device responds to memory space accesses (its memory BARs work).</summary>
    [NativeName("PCI_COMMAND_MEMORY")]
    MemorySpace = 0x2,

    /// <summary>The device may issue DMA (bus master).</summary>
    [NativeName("PCI_COMMAND_MASTER")]
    BusMaster = 0x4,

    /// <summary>The device may not assert INTx.</summary>
    [NativeName("PCI_COMMAND_INTX_DISABLE")]
    InterruptDisable = 0x400,
}
