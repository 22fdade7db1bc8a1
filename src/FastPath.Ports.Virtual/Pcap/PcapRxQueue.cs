using System.Diagnostics;
using System.Runtime.InteropServices;
using FastPath.Linux.Events;
using FastPath.Mempool.Buffers;
using FastPath.Ports.Virtual.Chains;
using FastPath.Ports.Virtual.Statistics;
using FastPath.Mempool.Pools;

namespace FastPath.Ports.Virtual.Pcap;

/// <summary>
/// Replays records into mempool buffers, a record longer than one buffer into a chain of them (dropped whole, and
/// counted as missed, when the pool runs out in the middle of it). It reads one record header ahead, so that it allocates buffers only when
/// a frame is due, and frees the ones a burst did not fill. A replay that honours the capture times is also a wake
/// source for idle mode: arming sets a timerfd to the next record's due time, so a sleeping lcore wakes when the
/// frame is due instead of polling through the gap.
/// </summary>
internal sealed unsafe class PcapRxQueue : IRxQueue, IWakeSource, IDisposable
{
    private readonly PcapReaderPort _port;
    private readonly PcapReader _reader;
    private readonly PacketPool _pool;
    private readonly bool _honourTimestamps;
    private readonly int _loopCount;
    private readonly int _dataRoom;
    private readonly int _maximumFrameLength;
    private readonly Packet[] _segments;
    private PcapRecordHeader _pending;
    private bool _hasPending;
    private int _passesDone;
    private long _recordsThisPass;
    private long _framesThisPass;
    private long _passFirstTimestamp;
    private long _passStartTicks;
    private volatile bool _finished;
    private readonly TimerFd? _timer;
    internal RxCounters Counters;

    public PcapRxQueue(PcapReaderPort port, PcapReader reader, PacketPool pool, PcapReaderPortOptions options)
    {
        _port = port;
        _reader = reader;
        _pool = pool;
        _honourTimestamps = options.HonourTimestamps;
        _loopCount = options.LoopCount;
        _dataRoom = pool.DataRoom;
        _maximumFrameLength = port.Info.MaxFrameSize;
        _segments = new Packet[(_maximumFrameLength - 1) / _dataRoom];
        _timer = _honourTimestamps ? TimerFd.Create() : null;
    }

    public int Index => 0;

    /// <summary>The due-time timer of a timed replay; none when records are replayed as fast as they can go.</summary>
    public IWakeSource? WakeSource => _timer is null ? null : this;

    SafeHandle IWakeSource.Handle => _timer!;

    /// <summary>The due time of the record the timer waited for.</summary>
    long IWakeSource.ArrivalTimestamp => _hasPending ? DueTimestamp(_pending.TimestampNanoseconds) : 0;

    public bool IsFinished => _finished;

    /// <exception cref="PcapFormatException">
    /// The file is malformed past its header: the burst's buffers are freed and the replay ends.
    /// </exception>
    public int RxBurst(Span<Packet> packets)
    {
        if (!_port.IsStarted || packets.IsEmpty)
        {
            return 0;
        }

        try
        {
            if (!TryGetDueRecord())
            {
                return 0;
            }
        }
        catch (PcapFormatException)
        {
            _finished = true;
            throw;
        }

        int allocated = _pool.Alloc(packets);
        if (allocated == 0)
        {
            Counters.NoBuffer++;
            return 0;
        }

        int received = 0;
        ulong bytes = 0;
        try
        {
            do
            {
                _hasPending = false;
                int length = _pending.CapturedLength;
                if (length > _maximumFrameLength)
                {
                    _reader.SkipData();
                    Counters.Errors++;
                    continue;
                }

                Packet packet = packets[received];
                if (length <= _dataRoom)
                {
                    packet.Length = length;
                    _reader.ReadData(packet.Data);
                }
                else if (ChainCopy.TryExtend(_pool, packet.Buffer, (uint)length, (ushort)_pool.Headroom, (uint)_dataRoom, _segments))
                {
                    _reader.ReadData(packet);
                }
                else
                {
                    _reader.SkipData();
                    Counters.Missed++;
                    Counters.NoBuffer++;
                    continue;
                }

                packet.Port = _port.Id;
                packet.Metadata.Timestamp = (ulong)_pending.TimestampNanoseconds;
                packet.Flags = PacketFlags.Timestamp;
                bytes += (ulong)length;
                received++;
                _framesThisPass++;
            }
            while (received < allocated && TryGetDueRecord());
        }
        catch (PcapFormatException)
        {
            _finished = true;
            _pool.Free(packets[..allocated]);
            throw;
        }

        _pool.Free(packets[received..allocated]);
        Counters.Packets += (ulong)received;
        Counters.Bytes += bytes;
        return received;
    }

    /// <summary>Makes the next record's header pending, rewinding between passes; false when none is due yet.</summary>
    private bool TryGetDueRecord()
    {
        while (!_hasPending)
        {
            if (_finished)
            {
                return false;
            }

            if (_reader.TryReadRecordHeader(out _pending))
            {
                _hasPending = true;
                if (_recordsThisPass++ == 0)
                {
                    _passFirstTimestamp = _pending.TimestampNanoseconds;
                    _passStartTicks = Stopwatch.GetTimestamp();
                }

                break;
            }

            // A pass that replayed no frame (an empty file, or every record larger than a buffer) would replay
            // nothing forever: the replay ends.
            bool replayedNothing = _framesThisPass == 0;
            _passesDone++;
            if (replayedNothing || (_loopCount != 0 && _passesDone >= _loopCount))
            {
                _finished = true;
                return false;
            }

            _reader.Rewind();
            _recordsThisPass = 0;
            _framesThisPass = 0;
        }

        return !_honourTimestamps || IsDue(_pending.TimestampNanoseconds);
    }

    /// <summary>
    /// Sets the timer to the next record's due time. Refuses (the lcore keeps polling) when that record is due
    /// already, or when its header has not been read yet: the polls before the lcore sleeps read it, so this happens
    /// only at a pass boundary. A finished replay arms nothing and lets the lcore sleep until it is stopped.
    /// </summary>
    bool IWakeSource.Arm()
    {
        if (_finished)
        {
            return true;
        }

        if (!_hasPending)
        {
            return false;
        }

        TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), DueTimestamp(_pending.TimestampNanoseconds));
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        _timer!.ExpireAfter(remaining);
        return true;
    }

    void IWakeSource.Disarm()
    {
        _timer!.Disarm();
        _timer.TryRead(out _);
    }

    public void Dispose() => _timer?.Dispose();

    private long DueTimestamp(long timestampNanoseconds) =>
        _passStartTicks + (long)((double)Math.Max(0, timestampNanoseconds - _passFirstTimestamp) * Stopwatch.Frequency / 1e9);

    private bool IsDue(long timestampNanoseconds)
    {
        long offset = timestampNanoseconds - _passFirstTimestamp;
        return offset <= 0 || Stopwatch.GetElapsedTime(_passStartTicks).Ticks * 100 >= offset;
    }
}
