using System.Buffers.Binary;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Chains;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>
/// Writes a classic pcap file (little-endian, version 2.4, Ethernet link type) with microsecond (a1b2c3d4) or
/// nanosecond (a1b23c4d) timestamps. Frames longer than the snap length are cut, keeping their original length.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    /// <summary>The snap length written when none is given: the largest frame tcpdump keeps by default.</summary>
    public const int DefaultSnapLength = 262_144;

    private const int DefaultBufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _nanoseconds;

    /// <summary>Creates (or truncates) the file at <paramref name="path"/> and writes the file header.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="snapLength"/> is not positive (the file is left untouched).</exception>
    public PcapWriter(string path, int snapLength = DefaultSnapLength, bool nanosecondTimestamps = false)
        : this(CreateFile(path, snapLength), snapLength, nanosecondTimestamps, leaveOpen: false)
    {
    }

    /// <summary>Writes the file header to <paramref name="stream"/>; records follow with <see cref="Write(ReadOnlySpan{byte}, long)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="snapLength"/> is not positive.</exception>
    public PcapWriter(Stream stream, int snapLength = DefaultSnapLength, bool nanosecondTimestamps = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckSnapLength(snapLength);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _nanoseconds = nanosecondTimestamps;
        SnapLength = snapLength;
        Span<byte> header = stackalloc byte[PcapFormat.FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanosecondTimestamps ? PcapFormat.NanosecondMagic : PcapFormat.MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], PcapFormat.VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], PcapFormat.VersionMinor);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], PcapFormat.LinkTypeEthernet);
        _stream.Write(header);
    }

    /// <summary>The most bytes of a frame a record keeps.</summary>
    public int SnapLength { get; }

    /// <summary>Appends one record.</summary>
    /// <param name="frame">The frame; only its first <see cref="SnapLength"/> bytes are stored.</param>
    /// <param name="timestampNanoseconds">The capture time in nanoseconds since the Unix epoch.</param>
    /// <returns>The number of frame bytes stored.</returns>
    public int Write(ReadOnlySpan<byte> frame, long timestampNanoseconds)
    {
        int captured = Math.Min(frame.Length, SnapLength);
        WriteRecordHeader(captured, frame.Length, timestampNanoseconds);
        _stream.Write(frame[..captured]);
        return captured;
    }

    private void WriteRecordHeader(int captured, int length, long timestampNanoseconds)
    {
        long seconds = Math.DivRem(timestampNanoseconds, 1_000_000_000L, out long nanoseconds);
        Span<byte> header = stackalloc byte[PcapFormat.RecordHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(_nanoseconds ? nanoseconds : nanoseconds / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)length);
        _stream.Write(header);
    }

    /// <summary>Writes as much of <paramref name="part"/> as the <paramref name="left"/> bytes of the snap length allow.</summary>
    /// <returns>The bytes of the snap length left after it.</returns>
    private int WritePart(ReadOnlySpan<byte> part, int left)
    {
        int take = Math.Min(part.Length, left);
        _stream.Write(part[..take]);
        return left - take;
    }

    /// <summary>
    /// Appends one record holding the frame of <paramref name="packet"/>: every segment of a chain in order, with the
    /// 802.1Q tag the packet asks for (<see cref="PacketFlags.TxVlan"/>) after its MAC addresses, as the wire would
    /// carry it. Nothing is allocated: the segments go to the stream one after the other.
    /// </summary>
    /// <param name="packet">The frame.</param>
    /// <param name="timestampNanoseconds">The capture time in nanoseconds since the Unix epoch.</param>
    /// <returns>The number of frame bytes stored.</returns>
    /// <exception cref="ArgumentException">The packet asks for a tag but its first segment is shorter than the two MAC addresses.</exception>
    public unsafe int Write(Packet packet, long timestampNanoseconds)
    {
        bool insertTag = (packet.Flags & PacketFlags.TxVlan) != 0;
        if (packet.IsContiguous && !insertTag)
        {
            return Write(packet.Data, timestampNanoseconds);
        }

        if (!ChainCopy.CanLinearize(packet.Buffer))
        {
            throw new ArgumentException($"The packet asks for a VLAN tag but its first segment holds {packet.SegmentLength} bytes, fewer than the {ChainCopy.MacAddressesLength} of the MAC addresses the tag follows.", nameof(packet));
        }

        int length = (int)ChainCopy.WireLength(packet.Buffer);
        int captured = Math.Min(length, SnapLength);
        WriteRecordHeader(captured, length, timestampNanoseconds);
        int left = captured;
        Span<byte> first = packet.Data;
        if (insertTag)
        {
            Span<byte> tag = stackalloc byte[ChainCopy.VlanTagLength];
            BinaryPrimitives.WriteUInt16BigEndian(tag, ChainCopy.VlanTpid);
            BinaryPrimitives.WriteUInt16BigEndian(tag[2..], packet.Metadata.VlanTci);
            left = WritePart(first[..ChainCopy.MacAddressesLength], left);
            left = WritePart(tag, left);
            first = first[ChainCopy.MacAddressesLength..];
        }

        left = WritePart(first, left);
        for (Packet segment = packet.Next; !segment.IsNull; segment = segment.Next)
        {
            left = WritePart(segment.Data, left);
        }

        return captured;
    }

    /// <summary>Pushes buffered records to the file.</summary>
    public void Flush() => _stream.Flush();

    private static FileStream CreateFile(string path, int snapLength)
    {
        CheckSnapLength(snapLength);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, DefaultBufferSize);
    }

    private static void CheckSnapLength(int snapLength)
    {
        if (snapLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(snapLength), $"The snap length must be positive, e.g. {DefaultSnapLength}; {snapLength} was given.");
        }
    }

    /// <summary>Flushes and closes the file (unless told to leave the stream open).</summary>
    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
