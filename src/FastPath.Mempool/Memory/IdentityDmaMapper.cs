namespace FastPath.Mempool.Memory;

/// <summary>
/// The IOVA of every byte is its virtual address. Right for virtual ports (ring, AF_PACKET, pcap, simulated NICs)
/// whose "device" is code in this process.
/// </summary>
public sealed class IdentityDmaMapper : IDmaMapper
{
    /// <summary>The shared instance.</summary>
    public static IdentityDmaMapper Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public void Map(nint virtualAddress, nuint length, nuint pageSize, Span<ulong> pageIovas)
    {
        for (int i = 0; i < pageIovas.Length; i++)
        {
            pageIovas[i] = (ulong)virtualAddress + (ulong)i * pageSize;
        }
    }

    /// <inheritdoc />
    public void Unmap(nint virtualAddress, nuint length, ReadOnlySpan<ulong> pageIovas)
    {
    }
}
