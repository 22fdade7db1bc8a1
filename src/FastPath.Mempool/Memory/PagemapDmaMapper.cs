using System.Buffers.Binary;

namespace FastPath.Mempool.Memory;

/// <summary>
/// Reports the physical address of each page from <c>/proc/self/pagemap</c>, for devices without an IOMMU.
/// Needs CAP_SYS_ADMIN: without it the kernel reports zero frame numbers, which this mapper refuses.
/// Pages must be locked (the allocator locks them) so that their physical address stays put.
/// </summary>
/// <remarks>
/// Entry format (Documentation/admin-guide/mm/pagemap.rst): one little-endian 64-bit word per 4 KiB page;
/// bits 0–54 are the page frame number, bit 63 "page present".
/// </remarks>
public sealed class PagemapDmaMapper : IDmaMapper
{
    private const ulong PresentBit = 1UL << 63;
    private const ulong FrameNumberMask = (1UL << 55) - 1;

    /// <inheritdoc />
    public string Name => "pagemap";

    /// <inheritdoc />
    public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
    {
        nuint basePageSize = (nuint)Environment.SystemPageSize;
        using var pagemap = new FileStream("/proc/self/pagemap", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        Span<byte> entry = stackalloc byte[8];
        for (int i = 0; i < pageIovas.Length; i++)
        {
            ulong address = (ulong)virtualAddress + (ulong)i * pageSize;
            pagemap.Position = (long)(address / basePageSize * 8);
            pagemap.ReadExactly(entry);
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(entry);
            ulong frame = value & FrameNumberMask;
            if ((value & PresentBit) == 0 || frame == 0)
            {
                throw new UnauthorizedAccessException(
                    $"/proc/self/pagemap gave no physical address for 0x{address:x}. Reading physical addresses needs root (CAP_SYS_ADMIN); run as root or use an IOMMU (VFIO) mapper.");
            }

            pageIovas[i] = frame * basePageSize + (address % basePageSize);
        }
    }

    /// <inheritdoc />
    public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas)
    {
    }
}
