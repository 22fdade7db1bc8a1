using FastPath.Mempool.Memory;

namespace FastPath.Drivers.Intel.Queues;

/// <summary>
/// The DMA memory of one descriptor ring: page-aligned (the devices need 128-byte alignment), zeroed, and with one
/// contiguous IOVA range, since the device walks the ring by address arithmetic.
/// </summary>
public sealed unsafe class DescriptorRingMemory : IDisposable
{
    private readonly DmaRegion _region;

    private DescriptorRingMemory(DmaRegion region, int count, int descriptorSize)
    {
        _region = region;
        Count = count;
        LengthInBytes = (uint)(count * descriptorSize);
    }

    /// <summary>Number of descriptors.</summary>
    public int Count { get; }

    /// <summary>Ring length in bytes, as programmed into RDLEN/TDLEN.</summary>
    public uint LengthInBytes { get; }

    /// <summary>The first descriptor.</summary>
    public void* Pointer => (void*)_region.Address;

    /// <summary>The ring's IOVA, as programmed into RDBAL/RDBAH or TDBAL/TDBAH.</summary>
    public ulong Iova => _region.GetIova(0);

    /// <summary>Allocates a zeroed ring of <paramref name="count"/> descriptors of <paramref name="descriptorSize"/> bytes.</summary>
    public static DescriptorRingMemory Allocate(int count, int descriptorSize, IDmaMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        if (count < 8 || !System.Numerics.BitOperations.IsPow2(count) || count * descriptorSize % 128 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"A ring needs a power-of-two number of at least 8 descriptors whose total size is a multiple of 128 bytes; {count} were asked.");
        }

        DmaRegion region = DmaRegion.Allocate((nuint)(count * descriptorSize), mapper, HugepagePolicy.Never);
        if (!region.IsIovaContiguous)
        {
            region.Dispose();
            throw new InvalidOperationException($"The {mapper.Name} mapper gave a {count}-descriptor ring scattered IOVAs; descriptor rings need one contiguous range (use VFIO or hugepages).");
        }

        return new DescriptorRingMemory(region, count, descriptorSize);
    }

    /// <summary>Unmaps and frees the ring. The device's queue must be disabled first.</summary>
    public void Dispose() => _region.Dispose();
}
