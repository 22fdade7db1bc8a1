using System.Runtime.InteropServices;

namespace FastPath.Mempool.Buffers;

/// <summary>
/// The metadata at the start of every packet buffer: exactly one 64-byte cache line, followed by the buffer area
/// (<see cref="PacketLayout.DefaultHeadroom"/> bytes of headroom, then the data room). Drivers read and write it
/// directly; user code goes through <see cref="Packet"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = PacketLayout.MetadataSize)]
public struct PacketBuffer
{
    /// <summary>IOVA of the first byte of the buffer area (the start of the headroom).</summary>
    [FieldOffset(0)] public ulong BufferIova;

    /// <summary>Offset of the first frame byte from the start of the buffer area.</summary>
    [FieldOffset(8)] public ushort DataOffset;

    /// <summary>Length of the frame in bytes.</summary>
    [FieldOffset(10)] public ushort DataLength;

    /// <summary>Size of the buffer area (headroom plus data room).</summary>
    [FieldOffset(12)] public ushort BufferLength;

    /// <summary>Id of the <see cref="Pools.PacketPool"/> the buffer belongs to.</summary>
    [FieldOffset(14)] public ushort PoolId;

    /// <summary>Port the frame was received on or is sent to.</summary>
    [FieldOffset(16)] public ushort Port;

    /// <summary>Queue the frame was received on.</summary>
    [FieldOffset(18)] public ushort Queue;

    /// <summary>RSS hash computed by the NIC (valid when <see cref="PacketFlags.RssHash"/> is set).</summary>
    [FieldOffset(20)] public uint RssHash;

    /// <summary>Receive status and transmit requests.</summary>
    [FieldOffset(24)] public PacketFlags Flags;

    /// <summary>Receive or transmit timestamp in nanoseconds (clock named by the port).</summary>
    [FieldOffset(32)] public ulong Timestamp;

    /// <summary>Packet type reported by the NIC (driver specific bits).</summary>
    [FieldOffset(40)] public uint PacketType;

    /// <summary>Length of the L2 header, for transmit offloads.</summary>
    [FieldOffset(44)] public byte L2Length;

    /// <summary>Length of the L3 header, for transmit offloads.</summary>
    [FieldOffset(45)] public byte L3Length;

    /// <summary>Length of the L4 header, for transmit offloads.</summary>
    [FieldOffset(46)] public byte L4Length;

    /// <summary>Allocation state, maintained when the pool runs with debug checks.</summary>
    [FieldOffset(47)] public PacketBufferState State;

    /// <summary>VLAN tag control information (valid with <see cref="PacketFlags.Vlan"/>).</summary>
    [FieldOffset(48)] public ushort VlanTci;

    /// <summary>Index of the buffer inside its pool.</summary>
    [FieldOffset(52)] public uint PoolIndex;

    /// <summary>Free for the application.</summary>
    [FieldOffset(56)] public ulong UserData;
}
