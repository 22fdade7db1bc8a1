using System.Runtime.CompilerServices;

namespace FastPath.Mempool.Buffers;

/// <summary>
/// A handle to one packet buffer: a pointer, as cheap to pass as an <see cref="nint"/>. Frame bytes are reached
/// through <see cref="Data"/>, metadata through <see cref="Metadata"/>. A frame larger than one buffer is a chain:
/// this first segment holds the frame's length and metadata, <see cref="Next"/> links the rest, and
/// <see cref="Segments"/>, <see cref="GetContiguous"/> and <see cref="CopyTo"/> read all of it. A handle is valid
/// from the pool's <c>Alloc</c> until the packet is freed or handed to a port's transmit.
/// </summary>
public readonly unsafe struct Packet : IEquatable<Packet>
{
    private readonly PacketBuffer* _buffer;

    /// <summary>Wraps a pointer to a buffer's metadata.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Packet(PacketBuffer* buffer) => _buffer = buffer;

    /// <summary>Wraps a handle taken from a ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Packet FromHandle(nint handle) => new((PacketBuffer*)handle);

    /// <summary>The buffer's address, as stored in rings.</summary>
    public nint Handle => (nint)_buffer;

    /// <summary>Whether this handle points nowhere.</summary>
    public bool IsNull => _buffer == null;

    /// <summary>The buffer's metadata.</summary>
    public ref PacketBuffer Metadata => ref *_buffer;

    /// <summary>Pointer to the metadata, for drivers.</summary>
    public PacketBuffer* Buffer => _buffer;

    /// <summary>Pointer to the first byte of the buffer area (start of the headroom).</summary>
    public byte* BufferStart => (byte*)_buffer + PacketLayout.MetadataSize;

    /// <summary>Pointer to the first frame byte.</summary>
    public byte* DataPointer => BufferStart + _buffer->DataOffset;

    /// <summary>The IOVA of the first frame byte, what a NIC descriptor points to.</summary>
    public ulong DataIova => _buffer->BufferIova + _buffer->DataOffset;

    /// <summary>
    /// The frame length in bytes, all segments together. Setting it is for a one-segment packet, whose segment it sizes.
    /// </summary>
    public int Length
    {
        get => (int)_buffer->PacketLength;
        set
        {
            if (_buffer->Next != null)
            {
                throw new InvalidOperationException($"The packet is a chain of {_buffer->SegmentCount} segments; size it with Append and TrimEnd, which work on its last segment.");
            }

            if ((uint)value > (uint)(_buffer->BufferLength - _buffer->DataOffset))
            {
                throw new ArgumentOutOfRangeException(nameof(value), $"A frame of {value} bytes does not fit the {_buffer->BufferLength - _buffer->DataOffset} bytes left in the buffer.");
            }

            _buffer->DataLength = (ushort)value;
            _buffer->PacketLength = (uint)value;
        }
    }

    /// <summary>
    /// The bytes of this segment: the whole frame when <see cref="IsContiguous"/>, else its first part (walk
    /// <see cref="Segments"/>, or use <see cref="GetContiguous"/> or <see cref="CopyTo"/>).
    /// </summary>
    public Span<byte> Data => new(DataPointer, _buffer->DataLength);

    /// <summary>The bytes in this segment.</summary>
    public int SegmentLength => _buffer->DataLength;

    /// <summary>Whether the frame is in one buffer (no next segment).</summary>
    public bool IsContiguous
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _buffer->Next == null;
    }

    /// <summary>How many buffers the frame spans.</summary>
    public int SegmentCount => _buffer->SegmentCount;

    /// <summary>The next segment, or a null packet (<see cref="IsNull"/>) in the last one.</summary>
    public Packet Next => new(_buffer->Next);

    /// <summary>The segment holding the end of the frame (this one when the frame is contiguous).</summary>
    public Packet LastSegment
    {
        get
        {
            PacketBuffer* last = _buffer;
            while (last->Next != null)
            {
                last = last->Next;
            }

            return new Packet(last);
        }
    }

    /// <summary>Each segment's bytes in order, for <c>foreach (Span&lt;byte&gt; part in packet.Segments)</c>.</summary>
    public PacketSegments Segments => new(_buffer);

    /// <summary>
    /// The frame as one span: <see cref="Data"/> itself when the frame is contiguous (no copy), else the frame copied
    /// into <paramref name="scratch"/>, which must hold <see cref="Length"/> bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetContiguous(Span<byte> scratch)
    {
        if (_buffer->Next == null)
        {
            return new ReadOnlySpan<byte>(DataPointer, _buffer->DataLength);
        }

        return scratch[..CopyTo(scratch)];
    }

    /// <summary>Copies the whole frame, segment after segment, to <paramref name="destination"/>.</summary>
    /// <returns>The frame length.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public int CopyTo(Span<byte> destination)
    {
        int length = (int)_buffer->PacketLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The frame has {length} bytes in {_buffer->SegmentCount} segments; the destination holds only {destination.Length}.", nameof(destination));
        }

        int written = 0;
        for (PacketBuffer* segment = _buffer; segment != null; segment = segment->Next)
        {
            new ReadOnlySpan<byte>((byte*)segment + PacketLayout.MetadataSize + segment->DataOffset, segment->DataLength).CopyTo(destination[written..]);
            written += segment->DataLength;
        }

        return written;
    }

    /// <summary>
    /// Links <paramref name="tail"/> (a packet of one or more segments, from any pool) after this packet's last
    /// segment; the chain is then freed, sent and counted as one frame. <paramref name="tail"/> must not be used on
    /// its own afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// With debug checks: <paramref name="tail"/> is free or already a later segment of a chain, or is this packet.
    /// </exception>
    public void AppendSegment(Packet tail)
    {
        if (tail._buffer == _buffer)
        {
            throw new InvalidOperationException("A packet cannot be appended to itself: the chain would loop.");
        }

        int count = _buffer->SegmentCount + tail._buffer->SegmentCount;
        if (count > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A chain can have at most {ushort.MaxValue} segments; this one would have {count}.");
        }

        Pools.PacketPool.CheckChainable(tail._buffer);
        LastSegment._buffer->Next = tail._buffer;
        _buffer->SegmentCount = (ushort)count;
        _buffer->PacketLength += tail._buffer->PacketLength;
        tail._buffer->SegmentCount = 1;
        tail._buffer->PacketLength = 0;
    }

    /// <summary>Bytes free before the frame, in the first segment.</summary>
    public int Headroom => _buffer->DataOffset;

    /// <summary>Bytes free after the frame, in its last segment.</summary>
    public int Tailroom
    {
        get
        {
            PacketBuffer* last = LastSegment._buffer;
            return last->BufferLength - last->DataOffset - last->DataLength;
        }
    }

    /// <summary>The port the frame arrived on or leaves by.</summary>
    public ushort Port { get => _buffer->Port; set => _buffer->Port = value; }

    /// <summary>Receive status and transmit requests.</summary>
    public PacketFlags Flags { get => _buffer->Flags; set => _buffer->Flags = value; }

    /// <summary>Grows the frame by <paramref name="count"/> bytes at its front, taken from the headroom.</summary>
    /// <returns>The new leading bytes.</returns>
    public Span<byte> Prepend(int count)
    {
        if ((uint)count > (uint)_buffer->DataOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Only {_buffer->DataOffset} bytes of headroom are left; {count} asked.");
        }

        _buffer->DataOffset -= (ushort)count;
        _buffer->DataLength += (ushort)count;
        _buffer->PacketLength += (uint)count;
        return new Span<byte>(DataPointer, count);
    }

    /// <summary>Grows the frame by <paramref name="count"/> bytes at its end, taken from its last segment's tailroom.</summary>
    /// <returns>The new trailing bytes.</returns>
    public Span<byte> Append(int count)
    {
        PacketBuffer* last = LastSegment._buffer;
        if ((uint)count > (uint)(last->BufferLength - last->DataOffset - last->DataLength))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Only {last->BufferLength - last->DataOffset - last->DataLength} bytes of tailroom are left; {count} asked. Append a segment (AppendSegment) for more.");
        }

        byte* end = (byte*)last + PacketLayout.MetadataSize + last->DataOffset + last->DataLength;
        last->DataLength += (ushort)count;
        _buffer->PacketLength += (uint)count;
        return new Span<byte>(end, count);
    }

    /// <summary>Removes <paramref name="count"/> bytes from the front of the frame (they become headroom of the first segment).</summary>
    public void TrimFront(int count)
    {
        if ((uint)count > _buffer->DataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), _buffer->Next == null
                ? $"The frame has only {_buffer->DataLength} bytes; cannot remove {count}."
                : $"The first segment has only {_buffer->DataLength} bytes; cannot remove {count} from the front of a chain.");
        }

        _buffer->DataOffset += (ushort)count;
        _buffer->DataLength -= (ushort)count;
        _buffer->PacketLength -= (uint)count;
    }

    /// <summary>Removes <paramref name="count"/> bytes from the end of the frame (from its last segment).</summary>
    public void TrimEnd(int count)
    {
        PacketBuffer* last = LastSegment._buffer;
        if ((uint)count > last->DataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), _buffer->Next == null
                ? $"The frame has only {_buffer->DataLength} bytes; cannot remove {count}."
                : $"The last segment has only {last->DataLength} bytes; cannot remove {count} from the end of a chain.");
        }

        last->DataLength -= (ushort)count;
        _buffer->PacketLength -= (uint)count;
    }

    /// <summary>Returns the packet, every segment of it, to the pools it came from.</summary>
    public void Free() => Pools.PacketPool.FreeToOwners(new ReadOnlySpan<Packet>(in this));

    /// <inheritdoc />
    public bool Equals(Packet other) => _buffer == other._buffer;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Packet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((nint)_buffer).GetHashCode();

    /// <summary>Compares handles.</summary>
    public static bool operator ==(Packet left, Packet right) => left.Equals(right);

    /// <summary>Compares handles.</summary>
    public static bool operator !=(Packet left, Packet right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _buffer == null ? "Packet(null)" : _buffer->Next == null
        ? $"Packet(0x{(nint)_buffer:x}, {_buffer->PacketLength} bytes, port {_buffer->Port})"
        : $"Packet(0x{(nint)_buffer:x}, {_buffer->PacketLength} bytes in {_buffer->SegmentCount} segments, port {_buffer->Port})";
}
