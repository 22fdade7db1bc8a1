using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using Microsoft.Extensions.ObjectPool;

namespace L3Router;

/// <summary>
/// One lcore's work: each <see cref="Poll"/> receives a burst from queue q of every port, forwards each frame with
/// <see cref="Ipv4Forwarder.Process"/>, groups the forwarded frames per output port, transmits each port's batch once,
/// and frees what was dropped or refused in bulk.
/// </summary>
/// <remarks>
/// Everything is set up here, once: the queues, one receive batch, one transmit batch per output port and one drop
/// batch, all rented from the engine's batch pool and returned in <see cref="Finish"/>. Per packet there is no
/// allocation, no LINQ and no interface call — only the forwarder (a sealed class), the counters and array
/// stores; RxBurst and TxBurst are called per burst. A transmit batch that fills up in the middle of a poll (several
/// input ports feeding one output) is sent at that point, so no frame waits for a later poll.
/// </remarks>
internal sealed class RouterLane : IPollingTask
{
    private readonly IRxQueue[] _rx;
    private readonly ushort[] _rxPorts;
    private readonly ITxQueue[] _tx;
    private readonly PacketBatch _burst;
    private readonly PacketBatch[] _out;
    private readonly PacketBatch _drops;
    private readonly Ipv4Forwarder _forwarder;
    private readonly RouterCounters _counters;
    private readonly ObjectPool<PacketBatch> _batches;

    public RouterLane(int queue, IReadOnlyList<IPort> ports, Ipv4Forwarder forwarder, RouterCounters counters, ObjectPool<PacketBatch> batches)
    {
        _forwarder = forwarder;
        _counters = counters;
        _batches = batches;
        _rx = new IRxQueue[ports.Count];
        _rxPorts = new ushort[ports.Count];
        _tx = new ITxQueue[ports.Count];
        _out = new PacketBatch[ports.Count];
        for (int p = 0; p < ports.Count; p++)
        {
            _rx[p] = ports[p].GetRxQueue(queue);
            _rxPorts[p] = ports[p].Id;
            _tx[p] = ports[p].GetTxQueue(queue);
            _out[p] = batches.Get();
        }

        _burst = batches.Get();
        _drops = batches.Get();
    }

    public bool IsFinished => false;

    public int Poll()
    {
        int handled = 0;
        for (int r = 0; r < _rx.Length; r++)
        {
            Span<Packet> burst = _burst.Storage;
            int n = _rx[r].RxBurst(burst);
            if (n == 0)
                continue;

            handled += n;
            _counters.RecordReceived(_rxPorts[r], n);
            for (int i = 0; i < n; i++)
            {
                Packet packet = burst[i];
                ForwardResult result = _forwarder.Process(packet.Data);
                _counters.Record(result);
                if (result.IsForward)
                {
                    PacketBatch batch = _out[result.Port];
                    if (batch.Count == batch.Capacity)
                        Transmit(result.Port);
                    batch[batch.Count++] = packet;
                }
                else
                {
                    if (_drops.Count == _drops.Capacity)
                        FreeDrops();
                    _drops[_drops.Count++] = packet;
                }
            }
        }

        if (handled != 0)
            Flush();
        return handled;
    }

    public void Finish()
    {
        Flush();
        foreach (PacketBatch batch in _out)
            _batches.Return(batch);
        _batches.Return(_burst);
        _batches.Return(_drops);
    }

    private void Flush()
    {
        for (int port = 0; port < _out.Length; port++)
        {
            if (_out[port].Count != 0)
                Transmit((ushort)port);
        }

        if (_drops.Count != 0)
            FreeDrops();
    }

    private void Transmit(ushort port)
    {
        PacketBatch batch = _out[port];
        Span<Packet> packets = batch.Packets;
        int sent = _tx[port].TxBurst(packets);
        if (sent < packets.Length)
        {
            // A full TX ring: the port keeps what it accepted, the rest is ours to free and count.
            _counters.RecordTxFull(port, packets.Length - sent);
            PacketPool.FreeToOwners(packets[sent..]);
        }

        batch.Clear();
    }

    private void FreeDrops()
    {
        PacketPool.FreeToOwners(_drops.Packets);
        _drops.Clear();
    }
}
