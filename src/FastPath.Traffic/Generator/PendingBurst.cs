using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Ports;
using FastPath.Traffic.Rate;
using FastPath.Mempool.Pools;

namespace FastPath.Traffic.Generator;

/// <summary>
/// Frames built or read but not yet accepted by a transmit queue. Each <see cref="Transmit"/> sends the prefix the rate
/// limit pays for; frames the queue refuses (full ring) stay for the next call, in order, so nothing is lost.
/// </summary>
internal sealed class PendingBurst
{
    private readonly Packet[] _packets;
    private readonly ITxQueue _queue;
    private readonly RateLimit _rate;
    private readonly TokenBucket? _bucket;
    private readonly TransmitCounters _counters;
    private readonly double _largestCost;

    public PendingBurst(ITxQueue queue, int burstSize, RateLimit rate, double largestCost, TransmitCounters counters)
    {
        _queue = queue;
        _packets = new Packet[burstSize];
        _rate = rate;
        _counters = counters;
        _largestCost = largestCost;
        if (rate.Kind != RateKind.Unlimited)
        {
            // Room for one full burst, or 200 µs of traffic when that is more, so pacing survives scheduling hiccups.
            double capacity = Math.Max(burstSize * largestCost, rate.Value * 200e-6);
            _bucket = new TokenBucket(rate.Value, capacity, System.Diagnostics.Stopwatch.Frequency, System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    /// <summary>How many frames wait.</summary>
    public int Count { get; private set; }

    /// <summary>How many more frames fit.</summary>
    public int Room => _packets.Length - Count;

    /// <summary>The free slots after the waiting frames, to build or receive into; then call <see cref="Added"/>.</summary>
    public Span<Packet> Free => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_packets), Count), _packets.Length - Count);

    /// <summary>Records that <paramref name="count"/> frames were put in <see cref="Free"/>.</summary>
    public void Added(int count) => Count += count;

    /// <summary>
    /// How many more frames the rate pays for now, beyond those already waiting, at most <paramref name="limit"/>
    /// (all of it when unpaced). A paced generator builds only these, so that each frame is stamped when it can
    /// leave: built a burst ahead, the last frame of a 32-frame burst at 1 Mpps would carry a time 32 µs stale.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Affordable(int limit)
    {
        if (_bucket is null)
        {
            return limit;
        }

        _bucket.Refill(System.Diagnostics.Stopwatch.GetTimestamp());
        double frames = _bucket.Tokens / _largestCost - Count;
        return frames <= 0 ? 0 : (int)Math.Min(limit, frames);
    }

    /// <summary>Transmits what the rate allows.</summary>
    /// <returns>How many frames the queue accepted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Transmit()
    {
        int count = Count;
        if (count == 0)
        {
            return 0;
        }

        ref Packet first = ref MemoryMarshal.GetArrayDataReference(_packets);
        int allowed = count;
        if (_bucket is not null)
        {
            _bucket.Refill(System.Diagnostics.Stopwatch.GetTimestamp());
            double tokens = _bucket.Tokens;
            double cost = 0;
            allowed = 0;
            while (allowed < count)
            {
                double next = cost + _rate.CostOf(Unsafe.Add(ref first, allowed).Length);
                if (next > tokens)
                {
                    break;
                }

                cost = next;
                allowed++;
            }

            if (allowed == 0)
            {
                return 0;
            }
        }

        int sent = _queue.TxBurst(MemoryMarshal.CreateReadOnlySpan(ref first, allowed));
        ulong bytes = 0;
        double spent = 0;
        for (int i = 0; i < sent; i++)
        {
            int length = Unsafe.Add(ref first, i).Length;
            bytes += (ulong)length;
            spent += _rate.CostOf(length);
        }

        _bucket?.Spend(spent);
        _counters.AddSent(sent, bytes);
        if (sent < allowed)
        {
            _counters.AddRefusedBurst();
        }

        if (sent > 0)
        {
            Count = count - sent;
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref first, sent), Count).CopyTo(_packets);
        }

        return sent;
    }

    /// <summary>Frees every waiting frame (when stopping); returns how many.</summary>
    public int FreeAll()
    {
        int count = Count;
        if (count > 0)
        {
            PacketPool.FreeToOwners(_packets.AsSpan(0, count));
            Count = 0;
        }

        return count;
    }
}
