namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// A cable between two simulated 82599 ports: a frame one transmits is received by the other. Both models share the
/// cable's lock, so a transmit that delivers into the peer's ring is one atomic step.
/// </summary>
public sealed class SimulatedCable
{
    private readonly Ixgbe82599Model _a;
    private readonly Ixgbe82599Model _b;

    private SimulatedCable(Ixgbe82599Model a, Ixgbe82599Model b)
    {
        _a = a;
        _b = b;
    }

    /// <summary>How many of the next frames will still be corrupted (see <see cref="CorruptNextFrames"/>).</summary>
    public int FramesToCorrupt { get; private set; }

    internal object Sync { get; } = new();

    /// <summary>Connects <paramref name="a"/> and <paramref name="b"/> back to back.</summary>
    public static SimulatedCable Connect(Ixgbe82599Model a, Ixgbe82599Model b)
    {
        var cable = new SimulatedCable(a, b);
        a.Cable = cable;
        b.Cable = cable;
        return cable;
    }

    /// <summary>Flips a bit in the next <paramref name="count"/> frames, so that the receiver sees a bad FCS.</summary>
    public void CorruptNextFrames(int count)
    {
        lock (Sync)
        {
            FramesToCorrupt = count;
        }
    }

    internal void Carry(Ixgbe82599Model from, byte[] frame)
    {
        if (FramesToCorrupt > 0)
        {
            FramesToCorrupt--;
            frame[frame.Length / 2] ^= 0x10;
        }

        (ReferenceEquals(from, _a) ? _b : _a).ReceiveFromWire(frame);
    }
}
