using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports.Virtual.AfXdp;
using FastPath.Ports.Virtual.Tests.AfPacket;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

public sealed class AfXdpPortTests
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(10);

    [NetworkNamespaceFact]
    public void FramesSentOnOneEndArriveOnTheOtherByteForByte_InGenericMode()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 4096);
        var generic = new AfXdpPortOptions { Mode = AfXdpAttachMode.Generic, FillRingSize = 512 };
        byte[][] frames = Enumerable.Range(0, 300).Select(i => TestFrames.Udp(i, flow: 1, length: 60 + i * 7 % 1455)).ToArray();
        using (AfXdpPort left = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, generic)))
        using (AfXdpPort right = link.Right.Run(() => new AfXdpPort(XdpVethLink.RightInterface, pool, generic with { PortId = 9 })))
        {
            Assert.Equal(AfXdpAttachMode.Generic, right.AttachMode);
            Assert.False(right.IsZeroCopy);
            left.Start();
            right.Start();

            Send(left, 0, pool, frames);
            List<Packet> received = Receive(right, 0, frames.Length);

            Assert.Equal(frames.Length, received.Count);
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.Equal(frames[i], received[i].Data.ToArray());
                Assert.Equal(9, received[i].Port);
                Assert.True(received[i].Headroom >= pool.Headroom);
            }

            pool.Free(received.ToArray());
            ulong bytes = (ulong)frames.Sum(f => f.Length);
            Assert.Equal((ulong)frames.Length, left.GetStatistics().TxPackets);
            Assert.Equal(bytes, left.GetStatistics().TxBytes);
            Assert.Equal((ulong)frames.Length, right.GetStatistics().RxPackets);
            Assert.Equal(bytes, right.GetStatistics().RxBytes);
            Assert.Equal(512, right.BuffersInKernel);
        }

        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void AutoMode_AttachesNatively_OnVeth_AndFramesCross()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 4096);
        var options = new AfXdpPortOptions { FillRingSize = 512 };
        using (AfXdpPort left = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, options)))
        using (AfXdpPort right = link.Right.Run(() => new AfXdpPort(XdpVethLink.RightInterface, pool, options)))
        {
            Assert.Equal(AfXdpAttachMode.Native, right.AttachMode);
            left.Start();
            right.Start();
            byte[][] frames = Enumerable.Range(0, 100).Select(i => TestFrames.Udp(i, flow: 2, length: 64 + i)).ToArray();

            Send(left, 0, pool, frames);
            List<Packet> received = Receive(right, 0, frames.Length);

            Assert.Equal(frames, received.Select(p => p.Data.ToArray()));
            pool.Free(received.ToArray());
        }

        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void FlowsSpreadOverTheQueuesOfAMultiQueueVeth_EachFrameArrivingOnce()
    {
        const int queues = 4;
        const int perQueue = 64;
        using var link = new XdpVethLink(queues);
        using PacketPool pool = TestPools.Create(count: 8192);
        var options = new AfXdpPortOptions { QueueCount = queues, Mode = AfXdpAttachMode.Generic, FillRingSize = 256, TxRingSize = 256, CompletionRingSize = 256 };
        using (AfXdpPort left = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, options)))
        using (AfXdpPort right = link.Right.Run(() => new AfXdpPort(XdpVethLink.RightInterface, pool, options)))
        {
            left.Start();
            right.Start();
            for (int q = 0; q < queues; q++)
            {
                Send(left, q, pool, Enumerable.Range(0, perQueue).Select(i => TestFrames.Udp(q * perQueue + i, flow: q * perQueue + i, length: 100)).ToArray());
            }

            var sequences = new List<int>();
            var perQueueCounts = new int[queues];
            var burst = new Packet[32];
            DateTime deadline = DateTime.UtcNow + s_receiveTimeout;
            while (sequences.Count < queues * perQueue && DateTime.UtcNow < deadline)
            {
                for (int q = 0; q < queues; q++)
                {
                    int n = right.GetRxQueue(q).RxBurst(burst);
                    foreach (Packet packet in burst.AsSpan(0, n))
                    {
                        Assert.Equal(q, packet.Metadata.Queue);
                        if (TestFrames.IsTestFrame(packet.Data))
                        {
                            sequences.Add(TestFrames.Sequence(packet.Data));
                            perQueueCounts[q]++;
                        }
                    }

                    pool.Free(burst.AsSpan(0, n));
                }
            }

            Assert.Equal(Enumerable.Range(0, queues * perQueue), sequences.Order());
            Assert.True(perQueueCounts.Count(c => c > 0) > 1, $"the flows all landed on one queue: {string.Join(", ", perQueueCounts)}");
            PortStatistics statistics = right.GetStatistics();
            Assert.Equal((ulong)(queues * perQueue), (ulong)statistics.Queues.Sum(q => (long)q.RxPackets));
        }

        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void FramesOfAnotherPool_AreCopiedIntoTheUmem_AndTheOriginalsFreed()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 4096);
        using PacketPool other = TestPools.Create(count: 64, name: "other");
        var generic = new AfXdpPortOptions { Mode = AfXdpAttachMode.Generic, FillRingSize = 512 };
        using (AfXdpPort left = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, generic)))
        using (AfXdpPort right = link.Right.Run(() => new AfXdpPort(XdpVethLink.RightInterface, pool, generic)))
        {
            left.Start();
            right.Start();
            byte[][] frames = Enumerable.Range(0, 20).Select(i => TestFrames.Udp(i, flow: 3, length: 200)).ToArray();

            Send(left, 0, other, frames);
            List<Packet> received = Receive(right, 0, frames.Length);

            Assert.Equal(frames, received.Select(p => p.Data.ToArray()));
            Assert.All(received, p => Assert.Equal(pool.Id, p.Metadata.PoolId));
            Assert.Equal(0, other.InUse);
            pool.Free(received.ToArray());
        }

        Assert.Equal(0, pool.InUse);
    }

    [NetworkNamespaceFact]
    public void BuffersLeftInTheRings_ComeBackToThePoolAtClose()
    {
        using var link = new XdpVethLink();
        using PacketPool pool = TestPools.Create(count: 4096);
        var generic = new AfXdpPortOptions { Mode = AfXdpAttachMode.Generic, FillRingSize = 512 };
        AfXdpPort right = link.Right.Run(() => new AfXdpPort(XdpVethLink.RightInterface, pool, generic));
        using (AfXdpPort left = link.Left.Run(() => new AfXdpPort(XdpVethLink.LeftInterface, pool, generic)))
        {
            left.Start();
            right.Start();
            Send(left, 0, pool, Enumerable.Range(0, 100).Select(i => TestFrames.Udp(i, 1, 300)).ToArray());
            Assert.True(right.WaitForReceive(0, s_receiveTimeout));
            Thread.Sleep(100);
            Assert.True(pool.InUse > 512, "frames sit in the receive ring, unread");
            right.Dispose();
        }

        Assert.Equal(0, pool.InUse);
    }

    private static void Send(AfXdpPort port, int queue, PacketPool pool, byte[][] frames)
    {
        Packet[] packets = TestPools.AllocFrames(pool, frames.Length, i => frames[i]);
        int sent = 0;
        var deadline = DateTime.UtcNow + s_receiveTimeout;
        while (sent < packets.Length && DateTime.UtcNow < deadline)
        {
            sent += port.GetTxQueue(queue).TxBurst(packets.AsSpan(sent, Math.Min(32, packets.Length - sent)));
        }

        Assert.Equal(packets.Length, sent);
    }

    private static List<Packet> Receive(AfXdpPort port, int queue, int expected)
    {
        var received = new List<Packet>();
        var burst = new Packet[32];
        var deadline = DateTime.UtcNow + s_receiveTimeout;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            port.WaitForReceive(queue, TimeSpan.FromMilliseconds(10));
            int n = port.GetRxQueue(queue).RxBurst(burst);
            foreach (Packet packet in burst.AsSpan(0, n))
            {
                if (TestFrames.IsTestFrame(packet.Data))
                {
                    received.Add(packet);
                }
                else
                {
                    packet.Free();
                }
            }
        }

        return received;
    }
}
