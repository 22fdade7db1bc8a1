using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastPath.Mempool.Buffers;
using FastPath.Lcores;

namespace FastPath.Traffic.Forwarding;

/// <summary>
/// DPDK's l2fwd on one lcore: for each route, receive a burst, rewrite the destination MAC to 02:00:00:00:00:<em>dest
/// port</em> and the source MAC to the destination port's own (unless MAC updating is off), and buffer the frames for
/// the destination queue. Buffers are sent when full and otherwise as the <see cref="TxDrainPolicy"/> says: after a
/// route's short receive burst (adaptive, the default) or on a fixed timer. Frames a full transmit ring refuses are
/// freed and counted as dropped.
/// </summary>
public sealed unsafe class L2Forwarder : IReceivingTask
{
    private readonly Route[] _routes;
    private readonly Packet[] _burst;
    private readonly bool _macUpdating;
    private readonly bool _adaptive;
    private readonly long _drainTicks;
    private long _lastDrain;

    /// <summary>Creates a forwarder for <paramref name="routes"/>.</summary>
    /// <param name="routes">The directions this lcore serves.</param>
    /// <param name="counters">Where this lcore counts, indexed by port id.</param>
    /// <param name="macUpdating">Whether to rewrite the MAC addresses.</param>
    /// <param name="burstSize">Frames per receive burst and per transmit buffer.</param>
    /// <param name="drain">When partly filled transmit buffers are sent; <see cref="TxDrainPolicy.Adaptive"/> by default.</param>
    public L2Forwarder(IEnumerable<ForwardingRoute> routes, ForwardingCounters counters, bool macUpdating = true, int burstSize = PacketBatch.DefaultCapacity, TxDrainPolicy drain = default)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(counters);
        Counters = counters;
        _macUpdating = macUpdating;
        _burst = new Packet[burstSize];
        _routes = [.. routes.Select(r => new Route(r, new TransmitBuffer(r.Tx, r.TxPort, counters, burstSize)))];
        foreach (Route route in _routes)
        {
            if ((uint)route.Definition.TxPort > byte.MaxValue)
            {
                throw new ArgumentException($"Port id {route.Definition.TxPort} does not fit the last byte of the rewritten MAC address; l2fwd supports ports 0 to 255.", nameof(routes));
            }
        }

        Drain = drain;
        _adaptive = drain.IsAdaptive;
        _drainTicks = (long)(drain.Interval.TotalSeconds * Stopwatch.Frequency);
        ReceiveQueues = [.. _routes.Select(r => new PolledQueue(r.Definition.RxPortName ?? r.Definition.RxPort.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Definition.Rx))];
        _lastDrain = Stopwatch.GetTimestamp();
    }

    /// <summary>When partly filled transmit buffers are sent.</summary>
    public TxDrainPolicy Drain { get; }

    /// <summary>This lcore's counters.</summary>
    public ForwardingCounters Counters { get; }

    /// <inheritdoc />
    public IReadOnlyList<PolledQueue> ReceiveQueues { get; }

    /// <summary>A forwarder never finishes on its own.</summary>
    public bool IsFinished => false;

    /// <inheritdoc />
    public int Poll()
    {
        if (!_adaptive)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - _lastDrain > _drainTicks)
            {
                foreach (Route route in _routes)
                {
                    route.Buffer.Flush();
                }

                _lastDrain = now;
            }
        }

        int total = 0;
        Span<Packet> burst = _burst;
        ref Packet first = ref MemoryMarshal.GetArrayDataReference(_burst);
        foreach (Route route in _routes)
        {
            // Adaptive draining leaves no buffer holding frames between polls: a full burst fills the buffer, which
            // sends itself, and a short one is sent below. So an empty poll has nothing to drain.
            int n = route.Definition.Rx.RxBurst(burst);
            if (n == 0)
            {
                continue;
            }

            total += n;
            ulong bytes = 0;
            TransmitBuffer buffer = route.Buffer;
            for (int i = 0; i < n; i++)
            {
                Packet packet = Unsafe.Add(ref first, i);
                bytes += packet.Metadata.PacketLength;
                if (_macUpdating)
                {
                    byte* frame = packet.DataPointer;
                    *(ulong*)frame = route.DestinationMacWord;
                    *(uint*)(frame + 6) = route.SourceMacHigh;
                    *(ushort*)(frame + 10) = route.SourceMacLow;
                }

                buffer.Add(packet);
            }

            Counters.AddRx(route.Definition.RxPort, n, bytes);
            if (_adaptive && n < burst.Length)
            {
                buffer.Flush();
            }
        }

        return total;
    }

    /// <summary>Sends every buffered frame.</summary>
    public void Finish() => Flush();

    /// <summary>Sends every buffered frame (before the lcore sleeps, and at the end).</summary>
    public void Flush()
    {
        foreach (Route route in _routes)
        {
            route.Buffer.Flush();
        }
    }

    private sealed class Route
    {
        public Route(ForwardingRoute definition, TransmitBuffer buffer)
        {
            Definition = definition;
            Buffer = buffer;
            Span<byte> mac = stackalloc byte[8];
            mac.Clear();
            mac[0] = 0x02;
            mac[5] = (byte)definition.TxPort;
            DestinationMacWord = MemoryMarshal.Read<ulong>(mac);
            definition.TxPortMac.CopyTo(mac);
            SourceMacHigh = MemoryMarshal.Read<uint>(mac);
            SourceMacLow = MemoryMarshal.Read<ushort>(mac[4..]);
        }

        public ForwardingRoute Definition { get; }

        public TransmitBuffer Buffer { get; }

        /// <summary>02:00:00:00:00:port followed by two zero bytes that the source address then overwrites (DPDK's trick).</summary>
        public ulong DestinationMacWord { get; }

        public uint SourceMacHigh { get; }

        public ushort SourceMacLow { get; }
    }
}
