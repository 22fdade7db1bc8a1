using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using FastPath.Traffic.Forwarding;

namespace FastPath.Traffic.Tests.Forwarding;

public sealed class L2ForwarderDrainTests
{
    [Fact]
    public void AdaptiveDrainDeliversASingleFrameInTheSamePoll()
    {
        using var links = new Links();
        var forwarder = links.Forwarder(TxDrainPolicy.Adaptive);
        links.Send(1);

        Assert.Equal(1, forwarder.Poll());
        Assert.Equal(1, links.ReceiveAndFree());
        Assert.Equal([1], links.Bursts);
    }

    [Fact]
    public void FixedTimerHoldsASingleFrameUntilItExpires()
    {
        // The counterpart that shows the adaptive test can fail: a timer of one second keeps the frame in the buffer.
        using var links = new Links();
        var forwarder = links.Forwarder(TxDrainPolicy.Every(TimeSpan.FromSeconds(1)));
        links.Send(1);

        Assert.Equal(1, forwarder.Poll());
        Assert.Equal(0, links.ReceiveAndFree());
        forwarder.Finish();
        Assert.Equal(1, links.ReceiveAndFree());
    }

    [Fact]
    public void FixedTimerSendsOnceTheIntervalHasPassed()
    {
        using var links = new Links();
        var forwarder = links.Forwarder(TxDrainPolicy.Every(TimeSpan.FromMilliseconds(1)));
        links.Send(3);
        forwarder.Poll();
        Thread.Sleep(5);
        forwarder.Poll();
        Assert.Equal(3, links.ReceiveAndFree());
    }

    [Fact]
    public void AdaptiveDrainKeepsFullBurstsAtFullLoad()
    {
        using var links = new Links();
        var forwarder = links.Forwarder(TxDrainPolicy.Adaptive);
        links.Send(100);
        while (forwarder.Poll() > 0)
        {
        }

        Assert.Equal(100, links.ReceiveAndFree());
        Assert.Equal([32, 32, 32, 4], links.Bursts);
    }

    /// <summary>source → ring → forwarder → ring (its bursts recorded) → sink.</summary>
    [Fact]
    public void A_chain_and_a_tagged_frame_are_forwarded_unchanged_and_counted_whole()
    {
        using var links = new Links();
        var counters = new ForwardingCounters(2);
        var forwarder = links.Forwarder(TxDrainPolicy.Adaptive, counters);
        byte[] jumbo = [.. Enumerable.Range(0, 9000).Select(i => (byte)(i * 13))];
        byte[] tagged = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        tagged[12] = 0x81;
        tagged[13] = 0x00;
        links.SendFrames([jumbo, tagged]);

        Assert.Equal(2, forwarder.Poll());
        List<byte[]> received = links.ReceiveFramesAndFree();

        // The MACs are rewritten (they are the forwarder's job); every byte after them arrives as sent.
        Assert.Equal(2, received.Count);
        Assert.Equal(jumbo[12..], received[0][12..]);
        Assert.Equal(tagged[12..], received[1][12..]);
        Assert.Equal(9100UL, counters.RxBytes(0));
    }

    private sealed class Links : IDisposable
    {
        private readonly PacketPool _pool = TestPools.Create();
        private readonly RingPort _source;
        private readonly RingPort _in;
        private readonly RingPort _out;
        private readonly RingPort _sink;

        public Links()
        {
            (_source, _in) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 });
            (_out, _sink) = RingPort.CreatePair(new RingPortOptions { RingSize = 1024 });
            foreach (RingPort port in new[] { _source, _in, _out, _sink })
            {
                port.Start();
            }
        }

        public List<int> Bursts { get; } = [];

        public L2Forwarder Forwarder(TxDrainPolicy drain, ForwardingCounters? counters = null) =>
            new([new ForwardingRoute(0, _in.GetRxQueue(0), 1, new RecordingTxQueue(_out.GetTxQueue(0), Bursts), _out.MacAddress)], counters ?? new ForwardingCounters(2), drain: drain);

        /// <summary>Sends each frame as a chain of 2000-byte segments (one segment when it is shorter).</summary>
        public void SendFrames(byte[][] frames)
        {
            Packet[] packets = new Packet[frames.Length];
            for (int f = 0; f < frames.Length; f++)
            {
                for (int offset = 0; offset < frames[f].Length; offset += 2000)
                {
                    Assert.True(_pool.TryAlloc(out Packet segment));
                    int length = Math.Min(2000, frames[f].Length - offset);
                    segment.Length = length;
                    frames[f].AsSpan(offset, length).CopyTo(segment.Data);
                    if (offset == 0)
                    {
                        packets[f] = segment;
                    }
                    else
                    {
                        packets[f].AppendSegment(segment);
                    }
                }
            }

            Assert.Equal(frames.Length, _source.GetTxQueue(0).TxBurst(packets));
        }

        public List<byte[]> ReceiveFramesAndFree()
        {
            Packet[] received = new Packet[256];
            int n = _sink.GetRxQueue(0).RxBurst(received);
            List<byte[]> frames = [];
            foreach (Packet packet in received.AsSpan(0, n))
            {
                byte[] bytes = new byte[packet.Length];
                packet.CopyTo(bytes);
                frames.Add(bytes);
            }

            _pool.Free(received.AsSpan(0, n));
            return frames;
        }

        public void Send(int count)
        {
            Packet[] frames = new Packet[count];
            Assert.Equal(count, _pool.Alloc(frames));
            foreach (Packet frame in frames)
            {
                frame.Length = 60;
            }

            Assert.Equal(count, _source.GetTxQueue(0).TxBurst(frames));
        }

        public int ReceiveAndFree()
        {
            Packet[] received = new Packet[256];
            int n = _sink.GetRxQueue(0).RxBurst(received);
            _pool.Free(received.AsSpan(0, n));
            return n;
        }

        public void Dispose()
        {
            foreach (RingPort port in new[] { _source, _in, _out, _sink })
            {
                port.Dispose();
            }

            Assert.Equal(0, _pool.InUse);
            _pool.Dispose();
        }
    }

    private sealed class RecordingTxQueue(ITxQueue inner, List<int> bursts) : ITxQueue
    {
        public int Index => inner.Index;

        public int TxBurst(ReadOnlySpan<Packet> packets)
        {
            bursts.Add(packets.Length);
            return inner.TxBurst(packets);
        }
    }
}
