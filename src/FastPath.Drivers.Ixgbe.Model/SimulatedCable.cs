namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// A cable between two simulated 82599 ports: a frame one transmits is received by the other. Both models share the
/// cable's lock, so a transmit that delivers into the peer's ring is one atomic step. With flow control (as 802.3x
/// pause frames would do) a port stops transmitting while its peer holds received frames it has no descriptors for,
/// and resumes when the peer drains them, so the link loses nothing; the receiving port must then keep frames rather
/// than drop them (<see cref="IxgbePortOptions.DropWhenRingFull"/> false).
/// </summary>
public sealed class SimulatedCable
{
    private readonly Ixgbe82599Model _a;
    private readonly Ixgbe82599Model _b;

    private SimulatedCable(Ixgbe82599Model a, Ixgbe82599Model b, bool flowControl)
    {
        _a = a;
        _b = b;
        FlowControl = flowControl;
    }

    /// <summary>Whether a port pauses while its peer has a receive backlog, so that nothing is lost.</summary>
    public bool FlowControl { get; }

    /// <summary>How many of the next frames will still be corrupted (see <see cref="CorruptNextFrames"/>).</summary>
    public int FramesToCorrupt { get; private set; }

    internal object Sync { get; } = new();

    /// <summary>Connects <paramref name="a"/> and <paramref name="b"/> back to back, with or without flow control.</summary>
    public static SimulatedCable Connect(Ixgbe82599Model a, Ixgbe82599Model b, bool flowControl = false)
    {
        var cable = new SimulatedCable(a, b, flowControl);
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

    /// <summary>Whether <paramref name="transmitter"/> must hold its next frame: flow control is on and the peer has a backlog.</summary>
    internal bool IsPaused(Ixgbe82599Model transmitter) => FlowControl && PeerOf(transmitter).HasReceiveBacklog;

    /// <summary>Whether the peer of <paramref name="model"/> has its own link down (a flap or a removal injected there).</summary>
    internal bool IsPeerLinkDown(Ixgbe82599Model model) => PeerOf(model).IsOwnLinkDown;

    /// <summary>Lets the peer of <paramref name="receiver"/> send what it held, now that the backlog is gone.</summary>
    internal void ResumeTransmitter(Ixgbe82599Model receiver)
    {
        if (FlowControl)
        {
            PeerOf(receiver).TransmitLocked();
        }
    }

    internal void Carry(Ixgbe82599Model from, byte[] frame)
    {
        if (FramesToCorrupt > 0)
        {
            FramesToCorrupt--;
            frame[frame.Length / 2] ^= 0x10;
        }

        PeerOf(from).ReceiveFromWire(frame);
    }

    private Ixgbe82599Model PeerOf(Ixgbe82599Model model) => ReferenceEquals(model, _a) ? _b : _a;
}
