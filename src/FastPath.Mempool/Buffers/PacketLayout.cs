namespace FastPath.Mempool.Buffers;

/// <summary>Sizes that define the memory layout of a packet buffer.</summary>
public static class PacketLayout
{
    /// <summary>Bytes of metadata before the buffer area: one cache line.</summary>
    public const int MetadataSize = 64;

    /// <summary>The cache line size every buffer is aligned to.</summary>
    public const int CacheLineSize = 64;

    /// <summary>Headroom before the frame, room for encapsulation headers (as DPDK's RTE_PKTMBUF_HEADROOM).</summary>
    public const int DefaultHeadroom = 128;

    /// <summary>Room for the frame: a full 1518-byte Ethernet frame with space to spare, and a NIC's 2 KiB RX buffer.</summary>
    public const int DefaultDataRoom = 2048;

    /// <summary>The largest frame a single buffer can hold with a 9 KiB jumbo data room.</summary>
    public const int JumboDataRoom = 9216;

    /// <summary>The size of one element of a pool: metadata, headroom and data room, rounded up to a cache line.</summary>
    public static int ElementSize(int headroom, int dataRoom) =>
        (MetadataSize + headroom + dataRoom + CacheLineSize - 1) & ~(CacheLineSize - 1);
}
