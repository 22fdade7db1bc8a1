using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Containers;

/// <summary>What a device may do with memory mapped by <see cref="VfioContainer.MapDma"/>.</summary>
[Flags]
public enum VfioDmaAccess : uint
{
    /// <summary>The device may read the memory (TX buffers, descriptors).</summary>
    [NativeName("VFIO_DMA_MAP_FLAG_READ")]
    Read = 1 << 0,

    /// <summary>The device may write the memory (RX buffers, write-backs).</summary>
    [NativeName("VFIO_DMA_MAP_FLAG_WRITE")]
    Write = 1 << 1,

    /// <summary>Both: the usual choice for packet memory.</summary>
    ReadWrite = Read | Write,
}
