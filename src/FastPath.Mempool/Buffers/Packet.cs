using System.Runtime.CompilerServices;

namespace FastPath.Mempool.Buffers;

/// <summary>
/// A handle to one packet buffer: a pointer, as cheap to pass as an <see cref="nint"/>. Frame bytes are reached
/// through <see cref="Data"/>, metadata through <see cref="Metadata"/>. A handle is valid from the pool's
/// <c>Alloc</c> until the buffer is freed or handed to a port's transmit.
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

    /// <summary>The frame length in bytes.</summary>
    public int Length
    {
        get => _buffer->DataLength;
        set
        {
            if ((uint)value > (uint)(_buffer->BufferLength - _buffer->DataOffset))
            {
                throw new ArgumentOutOfRangeException(nameof(value), $"A frame of {value} bytes does not fit the {_buffer->BufferLength - _buffer->DataOffset} bytes left in the buffer.");
            }

            _buffer->DataLength = (ushort)value;
        }
    }

    /// <summary>The frame bytes.</summary>
    public Span<byte> Data => new(DataPointer, _buffer->DataLength);

    /// <summary>Bytes free before the frame.</summary>
    public int Headroom => _buffer->DataOffset;

    /// <summary>Bytes free after the frame.</summary>
    public int Tailroom => _buffer->BufferLength - _buffer->DataOffset - _buffer->DataLength;

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
        return new Span<byte>(DataPointer, count);
    }

    /// <summary>Grows the frame by <paramref name="count"/> bytes at its end, taken from the tailroom.</summary>
    /// <returns>The new trailing bytes.</returns>
    public Span<byte> Append(int count)
    {
        if ((uint)count > (uint)Tailroom)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Only {Tailroom} bytes of tailroom are left; {count} asked.");
        }

        byte* end = DataPointer + _buffer->DataLength;
        _buffer->DataLength += (ushort)count;
        return new Span<byte>(end, count);
    }

    /// <summary>Removes <paramref name="count"/> bytes from the front of the frame (they become headroom).</summary>
    public void TrimFront(int count)
    {
        if ((uint)count > _buffer->DataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The frame has only {_buffer->DataLength} bytes; cannot remove {count}.");
        }

        _buffer->DataOffset += (ushort)count;
        _buffer->DataLength -= (ushort)count;
    }

    /// <summary>Removes <paramref name="count"/> bytes from the end of the frame.</summary>
    public void TrimEnd(int count)
    {
        if ((uint)count > _buffer->DataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The frame has only {_buffer->DataLength} bytes; cannot remove {count}.");
        }

        _buffer->DataLength -= (ushort)count;
    }

    /// <summary>Returns the buffer to the pool it came from.</summary>
    public void Free() => Pools.PacketPool.FromId(_buffer->PoolId).Free(this);

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
    public override string ToString() => _buffer == null ? "Packet(null)" : $"Packet(0x{(nint)_buffer:x}, {_buffer->DataLength} bytes, port {_buffer->Port})";
}
