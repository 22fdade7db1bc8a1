using FastPath.Mempool.Buffers;
using System.Buffers.Binary;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>
/// Reads a classic pcap file record by record: microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps, in
/// either byte order. Anything malformed throws a <see cref="PcapFormatException"/> naming the offset.
/// </summary>
public sealed class PcapReader : IDisposable
{
    private const int DefaultBufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _fileName;
    private long _offset;
    private int _pendingDataLength = -1;

    /// <summary>Reads the pcap file at <paramref name="path"/>.</summary>
    /// <exception cref="PcapFormatException">The file header is malformed.</exception>
    public PcapReader(string path)
        : this(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, DefaultBufferSize, FileOptions.SequentialScan), path, leaveOpen: false)
    {
    }

    /// <summary>Reads a pcap file from <paramref name="stream"/>, positioned at the file header.</summary>
    /// <param name="stream">The data; it must be seekable for <see cref="Rewind"/>.</param>
    /// <param name="fileName">How errors name the file.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <exception cref="PcapFormatException">The file header is malformed.</exception>
    public PcapReader(Stream stream, string fileName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _fileName = fileName;
        _leaveOpen = leaveOpen;
        try
        {
            Header = ReadFileHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The file header.</summary>
    public PcapFileHeader Header { get; }

    /// <summary>The file's path or description, as errors name it.</summary>
    public string FileName => _fileName;

    /// <summary>Reads the next record header; then call <see cref="ReadData(Span{byte})"/> or <see cref="SkipData"/>.</summary>
    /// <returns>False at the clean end of the file.</returns>
    /// <exception cref="PcapFormatException">The record header is truncated or its lengths are impossible.</exception>
    /// <exception cref="InvalidOperationException">The previous record's data was neither read nor skipped.</exception>
    public bool TryReadRecordHeader(out PcapRecordHeader record)
    {
        if (_pendingDataLength >= 0)
        {
            throw new InvalidOperationException("The previous record's data must be read (ReadData) or skipped (SkipData) before the next record header.");
        }

        Span<byte> bytes = stackalloc byte[PcapFormat.RecordHeaderLength];
        int read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            record = default;
            return false;
        }

        long offset = _offset;
        if (read < bytes.Length)
        {
            throw new PcapFormatException(_fileName, offset, $"the record header is truncated: {read} of {PcapFormat.RecordHeaderLength} bytes before the end of the file.");
        }

        uint seconds = ReadUInt32(bytes);
        uint fraction = ReadUInt32(bytes[4..]);
        uint captured = ReadUInt32(bytes[8..]);
        uint original = ReadUInt32(bytes[12..]);
        if (captured > Header.SnapLength)
        {
            throw new PcapFormatException(_fileName, offset, $"the record holds {captured} bytes, more than the file's snap length of {Header.SnapLength}.");
        }

        if (captured > int.MaxValue || original > int.MaxValue)
        {
            throw new PcapFormatException(_fileName, offset, $"the record lengths ({captured} captured, {original} original) are impossible.");
        }

        long nanoseconds = Header.NanosecondTimestamps ? fraction : fraction * 1000L;
        record = new PcapRecordHeader(offset, seconds * 1_000_000_000L + nanoseconds, (int)captured, (int)original);
        _offset += PcapFormat.RecordHeaderLength;
        _pendingDataLength = (int)captured;
        return true;
    }

    /// <summary>Reads the current record's frame bytes into the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the record.</exception>
    /// <exception cref="PcapFormatException">The file ends inside the record.</exception>
    public void ReadData(Span<byte> destination)
    {
        int length = TakePendingLength();
        if (destination.Length < length)
        {
            throw new ArgumentException($"The record at offset {_offset - PcapFormat.RecordHeaderLength} holds {length} bytes; the destination has room for {destination.Length}.", nameof(destination));
        }

        int read = _stream.ReadAtLeast(destination[..length], length, throwOnEndOfStream: false);
        if (read < length)
        {
            throw new PcapFormatException(_fileName, _offset - PcapFormat.RecordHeaderLength,
                $"the record is truncated: it declares {length} bytes but the file ends after {read}.");
        }

        _offset += length;
    }

    /// <summary>
    /// Reads the current record's frame bytes into the segments of <paramref name="chain"/>, each filled to its
    /// <see cref="Packet.SegmentLength"/>; the segments together must hold exactly the record.
    /// </summary>
    /// <exception cref="ArgumentException">The chain's length is not the record's.</exception>
    /// <exception cref="PcapFormatException">The file ends inside the record.</exception>
    public void ReadData(Packet chain)
    {
        int length = TakePendingLength();
        if (chain.Length != length)
        {
            throw new ArgumentException($"The record at offset {_offset - PcapFormat.RecordHeaderLength} holds {length} bytes; the chain holds {chain.Length}.", nameof(chain));
        }

        int read = 0;
        for (Packet segment = chain; !segment.IsNull; segment = segment.Next)
        {
            int part = _stream.ReadAtLeast(segment.Data, segment.SegmentLength, throwOnEndOfStream: false);
            read += part;
            if (part < segment.SegmentLength)
            {
                throw new PcapFormatException(_fileName, _offset - PcapFormat.RecordHeaderLength,
                    $"the record is truncated: it declares {length} bytes but the file ends after {read}.");
            }
        }

        _offset += length;
    }

    /// <summary>Skips the current record's frame bytes.</summary>
    /// <exception cref="PcapFormatException">The file ends inside the record.</exception>
    public void SkipData()
    {
        int length = TakePendingLength();
        long recordOffset = _offset - PcapFormat.RecordHeaderLength;
        if (_stream.CanSeek)
        {
            if (_stream.Length - _stream.Position < length)
            {
                throw new PcapFormatException(_fileName, recordOffset, $"the record is truncated: it declares {length} bytes but the file ends after {_stream.Length - _stream.Position}.");
            }

            _stream.Seek(length, SeekOrigin.Current);
        }
        else
        {
            Span<byte> scratch = stackalloc byte[256];
            for (int left = length; left > 0;)
            {
                int read = _stream.Read(scratch[..Math.Min(left, scratch.Length)]);
                if (read == 0)
                {
                    throw new PcapFormatException(_fileName, recordOffset, $"the record is truncated: it declares {length} bytes but the file ends after {length - left}.");
                }

                left -= read;
            }
        }

        _offset += length;
    }

    /// <summary>Goes back to the first record.</summary>
    /// <exception cref="NotSupportedException">The stream cannot seek.</exception>
    public void Rewind()
    {
        _stream.Seek(PcapFormat.FileHeaderLength, SeekOrigin.Begin);
        _offset = PcapFormat.FileHeaderLength;
        _pendingDataLength = -1;
    }

    /// <summary>Closes the file (unless the reader was told to leave the stream open).</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private int TakePendingLength()
    {
        int length = _pendingDataLength;
        if (length < 0)
        {
            throw new InvalidOperationException("No record header was read: call TryReadRecordHeader first.");
        }

        _pendingDataLength = -1;
        return length;
    }

    private uint ReadUInt32(ReadOnlySpan<byte> bytes) =>
        Header.ByteSwapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private PcapFileHeader ReadFileHeader()
    {
        Span<byte> bytes = stackalloc byte[PcapFormat.FileHeaderLength];
        int read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
        {
            throw new PcapFormatException(_fileName, read, $"the file header is truncated: the file has {read} bytes, a pcap header needs {PcapFormat.FileHeaderLength}.");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        (bool nanoseconds, bool swapped) = magic switch
        {
            PcapFormat.MicrosecondMagic => (false, false),
            PcapFormat.NanosecondMagic => (true, false),
            _ when magic == BinaryPrimitives.ReverseEndianness(PcapFormat.MicrosecondMagic) => (false, true),
            _ when magic == BinaryPrimitives.ReverseEndianness(PcapFormat.NanosecondMagic) => (true, true),
            _ => throw new PcapFormatException(_fileName, 0,
                $"bad magic number 0x{magic:x8}; a classic pcap file starts with a1b2c3d4 (microseconds) or a1b23c4d (nanoseconds), in either byte order. pcapng files (0a0d0d0a) must be converted first, e.g. 'editcap -F pcap in.pcapng out.pcap'."),
        };

        ushort major = swapped ? BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        ushort minor = swapped ? BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        if (major != PcapFormat.VersionMajor)
        {
            throw new PcapFormatException(_fileName, 4, $"unsupported format version {major}.{minor}; only 2.x exists.");
        }

        uint snapLength = swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]);
        uint linkType = swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]);
        _offset = PcapFormat.FileHeaderLength;
        return new PcapFileHeader(major, minor, snapLength, linkType & 0xFFFF, nanoseconds, swapped);
    }
}
