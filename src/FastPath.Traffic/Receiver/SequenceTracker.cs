using System.Runtime.CompilerServices;

namespace FastPath.Traffic.Receiver;

/// <summary>
/// Follows the sequence numbers of one stream as one receive queue sees them. A sliding window of the last
/// <see cref="WindowSize"/> numbers tells a duplicate from a late (reordered) frame. Loss is not decided here: a
/// stream spread by RSS over several queues shows gaps on each, so loss is computed over all queues at the end
/// (<see cref="ReceiverSummary"/>).
/// </summary>
public sealed class SequenceTracker
{
    /// <summary>How many recent sequence numbers the duplicate window covers.</summary>
    public const int WindowSize = 1 << 16;

    private const int WindowMask = WindowSize - 1;

    private readonly ulong[] _window = new ulong[WindowSize / 64];
    private ulong _first;
    private ulong _highest;
    private ulong _received;
    private ulong _duplicates;
    private ulong _reordered;
    private bool _started;

    /// <summary>The first sequence number seen.</summary>
    public ulong First => _first;

    /// <summary>The highest sequence number seen.</summary>
    public ulong Highest => _highest;

    /// <summary>Frames seen, duplicates included.</summary>
    public ulong Received => Volatile.Read(ref _received);

    /// <summary>Frames whose sequence number was already seen within the window.</summary>
    public ulong Duplicates => _duplicates;

    /// <summary>Frames that arrived after a higher sequence number (and were not duplicates).</summary>
    public ulong Reordered => _reordered;

    /// <summary>Whether any frame was seen.</summary>
    public bool Started => _started;

    /// <summary>Records a frame with sequence number <paramref name="sequence"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(ulong sequence)
    {
        _received++;
        if (sequence > _highest || !_started)
        {
            Advance(sequence);
            return;
        }

        if (_highest - sequence >= WindowSize)
        {
            _reordered++;
            if (sequence < _first)
            {
                _first = sequence;
            }

            return;
        }

        ref ulong word = ref _window[(int)(sequence & WindowMask) >> 6];
        ulong bit = 1UL << (int)(sequence & 63);
        if ((word & bit) != 0)
        {
            _duplicates++;
            return;
        }

        word |= bit;
        _reordered++;
        if (sequence < _first)
        {
            _first = sequence;
        }
    }

    private void Advance(ulong sequence)
    {
        if (!_started)
        {
            _started = true;
            _first = sequence;
        }
        else if (sequence - _highest >= WindowSize)
        {
            Array.Clear(_window);
        }
        else
        {
            for (ulong s = _highest + 1; s < sequence; s++)
            {
                _window[(int)(s & WindowMask) >> 6] &= ~(1UL << (int)(s & 63));
            }
        }

        _highest = sequence;
        _window[(int)(sequence & WindowMask) >> 6] |= 1UL << (int)(sequence & 63);
    }
}
