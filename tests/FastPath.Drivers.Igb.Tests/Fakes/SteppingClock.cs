namespace FastPath.Drivers.Igb.Tests.Fakes;

/// <summary>A clock in microseconds that moves 10 µs each time it is read, and tells <see cref="Read"/> each reading.</summary>
public sealed class SteppingClock : TimeProvider
{
    private long _now;

    /// <summary>Called with each reading (in µs), before it is returned.</summary>
    public Action<long>? Read { get; set; }

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp()
    {
        _now += 10;
        Read?.Invoke(_now);
        return _now;
    }
}
