using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// The constant part of bytes 8–23 of a received buffer's <see cref="PacketBuffer"/> (data offset, port and queue),
/// the same for every buffer of a receive queue. The vector decoders OR the shuffled descriptor fields (segment and
/// packet length, RSS hash) into it and store all 16 bytes at once, as DPDK's "mbuf initializer" does.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public readonly struct RxMetadataTemplate
{
    /// <summary>Offset inside <see cref="PacketBuffer"/> of the first byte the template covers.</summary>
    public const int MetadataOffset = 8;

    [FieldOffset(0)] private readonly ushort _dataOffset;
    [FieldOffset(8)] private readonly ushort _port;
    [FieldOffset(10)] private readonly ushort _queue;

    /// <summary>Builds the template of a queue whose buffers come from one pool.</summary>
    public RxMetadataTemplate(ushort dataOffset, ushort port, ushort queue)
    {
        _dataOffset = dataOffset;
        _port = port;
        _queue = queue;
    }

    /// <summary>The frame's offset in the buffer area: the pool's headroom.</summary>
    public ushort DataOffset => _dataOffset;

    /// <summary>The port number stamped into received packets.</summary>
    public ushort Port => _port;

    /// <summary>The queue number stamped into received packets.</summary>
    public ushort Queue => _queue;

    /// <summary>The template as 16 bytes.</summary>
    public Vector128<byte> AsVector128()
    {
        RxMetadataTemplate copy = this;
        return Unsafe.As<RxMetadataTemplate, Vector128<byte>>(ref copy);
    }
}
