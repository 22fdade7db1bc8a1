using System.Runtime.CompilerServices;

namespace FastPath.Traffic.Rate;

/// <summary>
/// A token bucket on <see cref="System.Diagnostics.Stopwatch"/> timestamps: tokens accrue at <see cref="Rate"/> per
/// second up to <see cref="Capacity"/>, and each frame sent spends its cost. A generator refills once per burst and then
/// takes as many frames as the tokens pay for, so pacing costs a few arithmetic operations per burst.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _tokensPerTick;
    private long _lastTimestamp;
    private double _tokens;

    /// <summary>Creates an empty bucket.</summary>
    /// <param name="rate">Tokens per second.</param>
    /// <param name="capacity">The most tokens the bucket holds: the largest burst after an idle spell.</param>
    /// <param name="timestampFrequency">Timestamp ticks per second (<see cref="System.Diagnostics.Stopwatch.Frequency"/>).</param>
    /// <param name="now">The current timestamp.</param>
    public TokenBucket(double rate, double capacity, long timestampFrequency, long now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        Rate = rate;
        Capacity = capacity;
        _tokensPerTick = rate / timestampFrequency;
        _lastTimestamp = now;
    }

    /// <summary>Tokens added per second.</summary>
    public double Rate { get; }

    /// <summary>The most tokens the bucket holds.</summary>
    public double Capacity { get; }

    /// <summary>Tokens available now.</summary>
    public double Tokens => _tokens;

    /// <summary>Adds the tokens earned since the last refill.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Refill(long now)
    {
        long elapsed = now - _lastTimestamp;
        if (elapsed <= 0)
        {
            return;
        }

        _lastTimestamp = now;
        _tokens = Math.Min(Capacity, _tokens + elapsed * _tokensPerTick);
    }

    /// <summary>Spends <paramref name="cost"/> tokens unconditionally (after checking <see cref="Tokens"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Spend(double cost) => _tokens -= cost;

    /// <summary>Spends <paramref name="cost"/> tokens if that many are available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(double cost)
    {
        if (_tokens < cost)
        {
            return false;
        }

        _tokens -= cost;
        return true;
    }
}
