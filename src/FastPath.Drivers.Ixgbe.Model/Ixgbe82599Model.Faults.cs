using System.Diagnostics;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Ixgbe.Registers;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The model's fault injection: a link that drops and comes back, receive descriptors written back with the MAC
/// error bit, a DMA to an IOVA no mapping covers (the IOMMU refuses it and the queue stops), and a surprise removal
/// after which every register reads all ones. Each is one explicit call, so a test states the fault it drives.
/// </summary>
public sealed unsafe partial class Ixgbe82599Model
{
    // An IOVA bit no mapping ever has: the IOMMU's own IOVAs and mirrored user addresses both lie far below it.
    private const ulong UnmappedIovaBit = 1UL << 63;
    private readonly bool[] _rxFaulted = new bool[Queues];
    private readonly bool[] _txFaulted = new bool[Queues];
    private readonly bool[] _rxUnmappedPending = new bool[Queues];
    private long _linkDownUntil;
    private bool _removed;
    private Random? _rxErrorRandom;
    private double _rxErrorRate;

    /// <summary>Frames the transmitter discarded because the link was down.</summary>
    public ulong FramesLostToLinkDown { get; private set; }

    /// <summary>Receive descriptors written back with the injected MAC error bit (RXE).</summary>
    public ulong RxErrorsInjected { get; private set; }

    /// <summary>Queues stopped because the IOMMU refused one of their DMA accesses.</summary>
    public ulong QueueFaults { get; private set; }

    /// <summary>Whether the device has been surprise-removed (<see cref="InjectSurpriseRemoval"/>).</summary>
    public bool IsRemoved { get { lock (Sync) { return _removed; } } }

    /// <summary>Whether receive queue <paramref name="queue"/> stopped on an IOMMU fault (until the driver re-enables it).</summary>
    public bool IsRxQueueFaulted(int queue)
    {
        lock (Sync)
        {
            return _rxFaulted[queue];
        }
    }

    private bool IsLinkDown => IsOwnLinkDown || (Cable is { } cable && cable.IsPeerLinkDown(this));

    /// <summary>
    /// Takes the link down for <paramref name="downFor"/>, on this end and (through the cable) the peer's: LINKS.UP
    /// reads 0, frames transmitted meanwhile are lost on the wire (their descriptors complete), nothing is received.
    /// The link then comes back by itself, as after a cable pulled and plugged in again.
    /// </summary>
    public void InjectLinkFlap(TimeSpan downFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(downFor, TimeSpan.Zero);
        lock (Sync)
        {
            _linkDownUntil = Stopwatch.GetTimestamp() + (long)(downFor.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>Whether this end's own link is held down by <see cref="InjectLinkFlap"/>; the caller holds <see cref="Sync"/>.</summary>
    internal bool IsOwnLinkDown => Stopwatch.GetTimestamp() < _linkDownUntil || _removed;

    /// <summary>
    /// From now on, writes back each received frame's last descriptor with RXE (the MAC error bit, 82599 7.1.6.2)
    /// with probability <paramref name="rate"/>, drawn from a generator seeded with <paramref name="seed"/>; a rate
    /// of 0 stops it.
    /// </summary>
    public void InjectRxErrors(double rate, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
        lock (Sync)
        {
            _rxErrorRate = rate;
            _rxErrorRandom = rate == 0 ? null : new Random(seed);
        }
    }

    /// <summary>
    /// Makes the next frame write on receive queue <paramref name="queue"/> go to an IOVA no mapping covers, as a
    /// corrupted descriptor would: the IOMMU refuses it (recorded in <see cref="Violations"/>), the queue stops and
    /// EICR.DHER latches (the model's reduction of a failed DMA: the queue moves no more descriptors until it is
    /// enabled again).
    /// </summary>
    public void InjectUnmappedDma(int queue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queue);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(queue, Queues);
        lock (Sync)
        {
            _rxUnmappedPending[queue] = true;
        }
    }

    /// <summary>
    /// Removes the device from the bus, as a hot-unplug or a dead link to the card would: every register reads
    /// 0xFFFFFFFF, writes are lost, the DMA engine stops and the peer sees the link go down.
    /// </summary>
    public void InjectSurpriseRemoval()
    {
        lock (Sync)
        {
            _removed = true;
        }
    }

    private ulong RxBufferAddress(int queue, ulong address)
    {
        if (!_rxUnmappedPending[queue])
        {
            return address;
        }

        _rxUnmappedPending[queue] = false;
        return address | UnmappedIovaBit;
    }

    private uint InjectedRxError()
    {
        if (_rxErrorRandom is null || _rxErrorRandom.NextDouble() >= _rxErrorRate)
        {
            return 0;
        }

        RxErrorsInjected++;
        return AdvancedRxStatus.FrameError;
    }

    private void FaultQueue(bool[] faulted, int queue)
    {
        faulted[queue] = true;
        QueueFaults++;
        Register(IxgbeRegister.InterruptCause) |= IxgbeBits.InterruptDescriptorHandlerError;
    }
}
