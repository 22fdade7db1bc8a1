using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastPath.Traffic.Receiver;

/// <summary>
/// A log-linear histogram of latencies in nanoseconds: exact below 32 ns, then 16 buckets per power of two (within
/// 6.25 %). Recording is a few instructions and never allocates; histograms of several lcores merge.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 32;
    private const int SubBuckets = 16;
    private const int BucketCount = LinearLimit + (64 - 5) * SubBuckets;

    private readonly ulong[] _buckets = new ulong[BucketCount];
    private ulong _count;
    private ulong _sum;
    private ulong _min = ulong.MaxValue;
    private ulong _max;

    /// <summary>How many latencies were recorded.</summary>
    public ulong Count => _count;

    /// <summary>The smallest latency, or 0 when none.</summary>
    public ulong Min => _count == 0 ? 0 : _min;

    /// <summary>The largest latency.</summary>
    public ulong Max => _max;

    /// <summary>The mean latency, or 0 when none.</summary>
    public double Mean => _count == 0 ? 0 : (double)_sum / _count;

    /// <summary>Records one latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(ulong nanoseconds)
    {
        _count++;
        _sum += nanoseconds;
        _min = Math.Min(_min, nanoseconds);
        _max = Math.Max(_max, nanoseconds);
        _buckets[BucketOf(nanoseconds)]++;
    }

    /// <summary>Forgets every recording, keeping the buckets (no allocation), so that one histogram can be refilled.</summary>
    public void Clear()
    {
        Array.Clear(_buckets);
        _count = 0;
        _sum = 0;
        _min = ulong.MaxValue;
        _max = 0;
    }

    /// <summary>Adds <paramref name="other"/>'s recordings to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < BucketCount; i++)
        {
            _buckets[i] += other._buckets[i];
        }

        _count += other._count;
        _sum += other._sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>
    /// The latency below or at which <paramref name="percentile"/> % of the recordings fall: the upper edge of the
    /// bucket it lands in, capped at <see cref="Max"/>; 0 when none.
    /// </summary>
    public ulong Percentile(double percentile)
    {
        if (_count == 0)
        {
            return 0;
        }

        ulong rank = (ulong)Math.Ceiling(percentile / 100 * _count);
        rank = Math.Clamp(rank, 1, _count);
        ulong seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), _max);
            }
        }

        return _max;
    }

    /// <summary>The buckets that hold recordings, in rising order: each one's upper edge (ns, capped at <see cref="Max"/>) and count.</summary>
    public IEnumerable<(ulong UpperEdge, ulong Count)> NonEmptyBuckets()
    {
        for (int i = 0; i < BucketCount; i++)
        {
            if (_buckets[i] != 0)
            {
                yield return (Math.Min(UpperEdge(i), _max), _buckets[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BucketOf(ulong value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        int exponent = 63 - BitOperations.LeadingZeroCount(value);
        int mantissa = (int)(value >> (exponent - 4)) & (SubBuckets - 1);
        return LinearLimit + (exponent - 5) * SubBuckets + mantissa;
    }

    private static ulong UpperEdge(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return (ulong)bucket;
        }

        int exponent = (bucket - LinearLimit) / SubBuckets + 5;
        int mantissa = (bucket - LinearLimit) % SubBuckets;
        ulong lower = (1UL << exponent) | ((ulong)mantissa << (exponent - 4));
        return lower + (1UL << (exponent - 4)) - 1;
    }
}
