using System.Runtime.InteropServices;

namespace FastPath.Mempool.Buffers;

/// <summary>
/// The metadata at the start of every packet buffer: exactly one 64-byte cache line, followed by the buffer area
/// (<see cref="PacketLayout.DefaultHeadroom"/> bytes of headroom, then the data room). Drivers read and write it
/// directly; user code goes through <see cref="Packet"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = PacketLayout.MetadataSize)]
public unsafe struct PacketBuffer
{
    /// <summary>IOVA of the first byte of the buffer area (the start of the headroom).</summary>
    [FieldOffset(0)] public ulong BufferIova;

    /// <summary>Offset of the first frame byte of this segment from the start of the buffer area.</summary>
    [FieldOffset(8)] public ushort DataOffset;

    /// <summary>Bytes of frame data in this segment.</summary>
    [FieldOffset(10)] public ushort DataLength;

    /// <summary>
    /// Length of the whole frame, all segments together; kept in the first segment (equal to <see cref="DataLength"/>
    /// when the packet has one segment). It sits next to <see cref="DataLength"/> so that a receive path writes both in
    /// the one 16-byte store that also writes port, queue and RSS hash.
    /// </summary>
    [FieldOffset(12)] public uint PacketLength;

    /// <summary>Port the frame was received on or is sent to.</summary>
    [FieldOffset(16)] public ushort Port;

    /// <summary>Queue the frame was received on.</summary>
    [FieldOffset(18)] public ushort Queue;

    /// <summary>RSS hash computed by the NIC (valid when <see cref="PacketFlags.RssHash"/> is set).</summary>
    [FieldOffset(20)] public uint RssHash;

    /// <summary>Receive status and transmit requests.</summary>
    [FieldOffset(24)] public PacketFlags Flags;

    /// <summary>Packet type reported by the NIC (driver specific bits).</summary>
    [FieldOffset(28)] public uint PacketType;

    /// <summary>Receive or transmit timestamp in nanoseconds (clock named by the port).</summary>
    [FieldOffset(32)] public ulong Timestamp;

    /// <summary>The next segment of the frame, or null in the last (or only) segment.</summary>
    [FieldOffset(40)] public PacketBuffer* Next;

    /// <summary>
    /// VLAN tag control information: on receive the stripped tag (valid with <see cref="PacketFlags.Vlan"/>), on
    /// transmit the tag to insert (with <see cref="PacketFlags.TxVlan"/>).
    /// </summary>
    [FieldOffset(48)] public ushort VlanTci;

    /// <summary>How many segments the frame has, kept in the first segment; 1 in every free buffer.</summary>
    [FieldOffset(50)] public ushort SegmentCount;

    /// <summary>Index of the buffer inside its pool.</summary>
    [FieldOffset(52)] public uint PoolIndex;

    /// <summary>Size of the buffer area (headroom plus data room).</summary>
    [FieldOffset(56)] public ushort BufferLength;

    /// <summary>Id of the <see cref="Pools.PacketPool"/> the buffer belongs to.</summary>
    [FieldOffset(58)] public ushort PoolId;

    /// <summary>Length of the L2 header, for transmit offloads.</summary>
    [FieldOffset(60)] public byte L2Length;

    /// <summary>Length of the L3 header, for transmit offloads.</summary>
    [FieldOffset(61)] public byte L3Length;

    /// <summary>Length of the L4 header, for transmit offloads.</summary>
    [FieldOffset(62)] public byte L4Length;

    /// <summary>Allocation state, maintained when the pool runs with debug checks.</summary>
    [FieldOffset(63)] public PacketBufferState State;
}
