using System.Runtime.CompilerServices;
using FastPath.Mempool.Buffers;

namespace FastPath.Ports.Virtual.Chains;

/// <summary>
/// Writes a frame's bytes in order into the segments of a chain whose lengths are set already
/// (<see cref="ChainCopy.TryExtend"/>), moving to the next segment as each fills.
/// </summary>
internal unsafe ref struct ChainWriter
{
    private PacketBuffer* _segment;
    private byte* _at;
    private uint _left;

    /// <summary>Starts at the first byte of <paramref name="first"/>.</summary>
    public ChainWriter(PacketBuffer* first)
    {
        _segment = first;
        _at = (byte*)first + PacketLayout.MetadataSize + first->DataOffset;
        _left = first->DataLength;
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/>; the chain must have room for them.</summary>
    public void Write(byte* source, uint length)
    {
        while (length != 0)
        {
            if (_left == 0)
            {
                _segment = _segment->Next;
                _at = (byte*)_segment + PacketLayout.MetadataSize + _segment->DataOffset;
                _left = _segment->DataLength;
            }

            uint part = Math.Min(length, _left);
            Unsafe.CopyBlockUnaligned(_at, source, part);
            _at += part;
            _left -= part;
            source += part;
            length -= part;
        }
    }
}
