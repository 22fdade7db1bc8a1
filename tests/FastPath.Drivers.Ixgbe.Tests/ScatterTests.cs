using System.Buffers.Binary;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Intel.Tx;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Mempool.Buffers;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>
/// Jumbo frames over 2 KiB buffers on the 82599 model, through the real driver: the device splits a frame over
/// descriptors by SRRCTL.BSIZEPACKET (EOP on the last) and the queue delivers it as one chain; a chain is sent with one
/// data descriptor per segment and leaves as one frame; a ring wrapping in the middle of a frame, a pool too empty for
/// a frame and a frame past MAXFRS all end with every buffer accounted for.
/// </summary>
public sealed unsafe class ScatterTests
{
    private static readonly IxgbePortOptions Jumbo = new() { MaxFrameSize = 9018, Rx = new RxQueueOptions { Scatter = true } };

    [Fact]
    public void NineThousandByteFrames_ArriveAsChainsOfTwoKiBBuffers_AndGoBackByteForByte()
    {
        using var pair = new SimulatedPair(Jumbo, Jumbo);
        Assert.Equal(2048, pair.PortB.Info.MaxRxSegmentSize);
        Assert.Equal(9018, pair.PortB.Info.MaxFrameSize);
        Assert.True(pair.PortB.Configuration.RxOffloads!.Value.HasFlag(RxOffloads.Scatter));
        Assert.True(pair.PortA.Info.TxOffloads.HasFlag(TxOffloads.MultiSegment));
        byte[] frame = Frame(pair, 9000, seed: 1);
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(frame));

        Packet chain = Assert.Single(pair.Receive(1));
        Assert.Equal(9000, chain.Length);
        Assert.Equal(5, chain.SegmentCount);
        Assert.Equal([2048, 2048, 2048, 2048, 808], SegmentLengths(chain));
        Assert.Equal(frame, Bytes(chain));
        Assert.Equal(pair.PortB.Id, chain.Port);
        Assert.True(chain.Flags.HasFlag(PacketFlags.IpChecksumGood), chain.Flags.ToString());

        // B sends the chain it received back to A, addressed to A: one data descriptor per segment, one frame on the wire.
        pair.PortA.MacAddress.CopyTo(chain.Data);
        pair.PortA.MacAddress.CopyTo(frame);
        ITxQueue back = pair.PortB.GetTxQueue(0);
        Assert.Equal(1, back.TxBurst([chain]));
        Assert.True(pair.DeviceB.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
        Packet returned = Assert.Single(ReceiveOn(pair.PortA, pair, 1));
        try
        {
            Assert.Equal(frame, Bytes(returned));
            Assert.Equal(5, returned.SegmentCount);
        }
        finally
        {
            returned.Free();
        }

        Assert.Equal(1UL, pair.DeviceB.Model.FramesSent);
    }

    [Fact]
    public void AChainBuiltBySoftware_LeavesAsOneFrame_WithItsChecksumsOverEverySegment()
    {
        using var pair = new SimulatedPair(Jumbo, Jumbo);
        byte[] frame = Frame(pair, 5000, seed: 2);
        Packet chain = Chain(pair, frame, 1500);
        Assert.Equal(4, chain.SegmentCount);
        // Ask for the IPv4 and UDP checksums: the headers are in the first segment, the payload spans all four.
        BinaryPrimitives.WriteUInt16BigEndian(chain.Data[24..], 0);
        chain.Metadata.L2Length = 14;
        chain.Metadata.L3Length = 20;
        chain.Metadata.L4Length = 8;
        chain.Flags = PacketFlags.TxIpChecksum | PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4;
        Assert.Equal(1, pair.PortA.GetTxQueue(0).TxBurst([chain]));

        Packet received = Assert.Single(pair.Receive(1));
        try
        {
            byte[] bytes = Bytes(received);
            Assert.Equal(frame.AsSpan(0, 24).ToArray(), bytes.AsSpan(0, 24).ToArray());
            Assert.Equal(frame.AsSpan(26, 40 - 26).ToArray(), bytes.AsSpan(26, 40 - 26).ToArray());
            Assert.Equal(frame.AsSpan(42).ToArray(), bytes.AsSpan(42).ToArray());
            Assert.True(received.Flags.HasFlag(PacketFlags.IpChecksumGood), received.Flags.ToString());
            Assert.True(received.Flags.HasFlag(PacketFlags.L4ChecksumGood), received.Flags.ToString());
        }
        finally
        {
            received.Free();
        }
    }

    [Fact]
    public void AChainWithItsHeadersSplit_IsRefusedAndCounted_NotSentWithAWrongChecksum()
    {
        using var pair = new SimulatedPair(Jumbo, Jumbo);
        byte[] frame = Frame(pair, 3000, seed: 3);
        Packet chain = Chain(pair, frame, 30);
        chain.Metadata.L2Length = 14;
        chain.Metadata.L3Length = 20;
        chain.Metadata.L4Length = 8;
        chain.Flags = PacketFlags.TxUdpChecksum | PacketFlags.TxIPv4;
        AdvancedTxQueue<ModelRegisters> queue = pair.PortA.GetAdvancedTxQueue(0);
        Assert.Equal(1, queue.TxBurst([chain]));
        Assert.Equal(1UL, queue.Errors);
        Assert.Equal(0UL, queue.Packets);
        Assert.Empty(pair.Receive(1));
        Assert.Equal(0UL, pair.DeviceA.Model.FramesSent);
    }

    [Fact]
    public void AFullRing_TakesWholeChainsOnly()
    {
        using var pair = new SimulatedPair(Jumbo with { Tx = new TxQueueOptions { RingSize = 32, ReportStatusThreshold = 8, FreeThreshold = 8 } }, Jumbo);
        pair.DeviceA.Model.EnginePaused = true;
        AdvancedTxQueue<ModelRegisters> queue = pair.PortA.GetAdvancedTxQueue(0);
        var chains = new Packet[12];
        var frames = new byte[chains.Length][];
        for (int i = 0; i < chains.Length; i++)
        {
            frames[i] = Frame(pair, 5000, seed: 10 + i);
            chains[i] = Chain(pair, frames[i], 1500);
        }

        // 31 free descriptors hold seven four-segment chains (28), not eight: the eighth is not split.
        int taken = queue.TxBurst(chains);
        Assert.Equal(7, taken);
        Assert.Equal(3, queue.FreeDescriptors);
        pair.DeviceA.Model.EnginePaused = false;
        List<Packet> received = pair.Receive(7);
        Assert.Equal(7, received.Count);
        for (int i = 0; i < received.Count; i++)
        {
            Assert.Equal(frames[i], Bytes(received[i]));
        }

        foreach (Packet packet in received)
        {
            packet.Free();
        }

        // The rest goes once the ring is reclaimed.
        int rest = 0;
        for (int round = 0; round < 100 && rest < chains.Length - taken; round++)
        {
            rest += queue.TxBurst(chains.AsSpan(taken + rest));
            Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(chains.Length - taken, rest);
        List<Packet> later = pair.Receive(chains.Length - taken);
        Assert.Equal(chains.Length - taken, later.Count);
        for (int i = 0; i < later.Count; i++)
        {
            Assert.Equal(frames[taken + i], Bytes(later[i]));
            later[i].Free();
        }
    }

    [Fact]
    public void AChainOfMoreSegmentsThanTheRingHolds_IsRefusedAndCounted_AndTheNextFrameGoes()
    {
        using var pair = new SimulatedPair(Jumbo with { Tx = new TxQueueOptions { RingSize = 32, ReportStatusThreshold = 8, FreeThreshold = 8 } }, Jumbo);
        AdvancedTxQueue<ModelRegisters> queue = pair.PortA.GetAdvancedTxQueue(0);
        Packet tooLong = Chain(pair, Frame(pair, 3200, seed: 30), 100);
        Assert.Equal(32, tooLong.SegmentCount);
        byte[] next = Frame(pair, 3000, seed: 31);
        Assert.Equal(2, queue.TxBurst([tooLong, Chain(pair, next, 1000)]));
        Assert.Equal(1UL, queue.Errors);
        Assert.Equal(1UL, queue.Packets);
        Packet received = Assert.Single(pair.Receive(2));
        Assert.Equal(next, Bytes(received));
        received.Free();
    }

    [Fact]
    public void ARingWrappingInTheMiddleOfAChain_DeliversTheChainWhole()
    {
        IxgbePortOptions small = Jumbo with { Rx = Jumbo.Rx with { RingSize = 64, RefillBatch = 32 } };
        using var pair = new SimulatedPair(Jumbo, small);
        // 61 one-buffer frames take descriptors 0-60; the jumbo frame then takes 61, 62, 63, 0 and 1.
        for (int i = 0; i < 61; i++)
        {
            pair.DeviceB.Model.ReceiveFromWire(WithFcs(Frame(pair, 100, seed: i)));
        }

        foreach (Packet packet in pair.Receive(61))
        {
            packet.Free();
        }

        byte[] frame = Frame(pair, 9000, seed: 99);
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(frame));
        Packet chain = Assert.Single(pair.Receive(1));
        try
        {
            Assert.Equal(5, chain.SegmentCount);
            Assert.Equal(frame, Bytes(chain));
        }
        finally
        {
            chain.Free();
        }
    }

    [Fact]
    public void APoolTooEmptyForAChain_DropsTheWholeFrame_CountsIt_AndLeaksNothing()
    {
        IxgbePortOptions small = Jumbo with { Rx = Jumbo.Rx with { RingSize = 64, RefillBatch = 32 } };
        using var pair = new SimulatedPair(Jumbo, small, receivePoolSize: 96);
        var queue = pair.PortB.GetInterruptibleRxQueue(0).Ring;
        // Take every free buffer, then let 62 frames use up the armed descriptors: the ring cannot be re-armed.
        var held = new List<Packet>();
        while (pair.RxPoolB.TryAlloc(out Packet packet))
        {
            held.Add(packet);
        }

        for (int i = 0; i < 62; i++)
        {
            pair.DeviceB.Model.ReceiveFromWire(WithFcs(Frame(pair, 100, seed: i)));
        }

        held.AddRange(pair.Receive(62));
        Assert.Equal(0, pair.RxPoolB.Available);
        uint head = pair.DeviceB.Model.ReadRegister(IxgbeRegister.RxHead(0));
        uint tail = pair.DeviceB.Model.ReadRegister(IxgbeRegister.RxTail(0));
        Assert.Equal(1u, (tail + 64 - head) % 64);
        Assert.True(queue.NoBuffer > 0);

        // A 9000-byte frame needs five descriptors and finds one: the device drops all of it and counts it.
        PortStatistics before = pair.PortB.GetStatistics();
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(Frame(pair, 9000, seed: 7)));
        Assert.Empty(pair.Receive(1));
        Assert.False(queue.IsFrameOpen);
        Assert.Equal(1UL, pair.PortB.GetStatistics().RxMissed - before.RxMissed);

        // With the buffers back the ring is re-armed, the next jumbo frame arrives whole, and every buffer is in the
        // pool or the ring.
        pair.RxPoolB.Free([.. held]);
        Span<Packet> burst = stackalloc Packet[1];
        Assert.Equal(0, queue.RxBurst(burst));
        byte[] frame = Frame(pair, 9000, seed: 8);
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(frame));
        Packet chain = Assert.Single(pair.Receive(1));
        Assert.Equal(frame, Bytes(chain));
        chain.Free();
        Assert.Equal(pair.RxPoolB.InUse, queue.BuffersHeld);
    }

    [Fact]
    public void AFramePastMaxfrs_IsDroppedByTheMac_AndCountedInRoc()
    {
        using var pair = new SimulatedPair(Jumbo, Jumbo with { MaxFrameSize = 4000 });
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(Frame(pair, 4001, seed: 4)));
        byte[] fits = Frame(pair, 4000, seed: 5);
        pair.DeviceB.Model.ReceiveFromWire(WithFcs(fits));
        Packet chain = Assert.Single(pair.Receive(1));
        Assert.Equal(fits, Bytes(chain));
        chain.Free();
        Assert.Equal(1UL, pair.PortB.GetHardwareStatistics().OversizeFrames);
    }

    [Fact]
    public void AnMtuPastOneBuffer_WithoutScatter_IsRefused_NamingTheFix()
    {
        using var pair = new SimulatedPair();
        IPort port = pair.PortB;
        port.Stop();
        var error = Assert.Throws<ArgumentException>(() => port.Configure(port.Configuration with { Mtu = 9000 }));
        Assert.Contains("Enable scatter (RxOffloads.Scatter", error.Message);
        port.Configure(port.Configuration with { Mtu = 9000, RxOffloads = port.Configuration.RxOffloads | RxOffloads.Scatter });
        port.Start();
        Assert.Equal(9000, port.Configuration.Mtu);
        Assert.Equal((9014u + 4) << IxgbeBits.MaxFrameSizeShift, pair.DeviceB.Model.ReadRegister(IxgbeRegister.MaxFrameSize) & 0xFFFF0000);
        Assert.NotEqual(0u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.MacCoreControl0) & IxgbeBits.MacJumboEnable);
        Assert.Equal(2u, pair.DeviceB.Model.ReadRegister(IxgbeRegister.RxSplitControl(0)) & IxgbeBits.SrrctlPacketBufferSizeMask);
    }

    /// <summary>A UDP/IPv4 frame from A to B of <paramref name="length"/> bytes whose payload depends on <paramref name="seed"/>.</summary>
    internal static byte[] Frame(SimulatedPair pair, int length, int seed)
    {
        var frame = new byte[length];
        pair.PortB.MacAddress.CopyTo(frame);
        pair.PortA.MacAddress.CopyTo(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        Span<byte> ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(length - 14));
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], 0x0A000001);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0x0A000002);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Add(0, ip[..20])));
        BinaryPrimitives.WriteUInt16BigEndian(ip[20..], 1000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[22..], 2000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[24..], (ushort)(length - 34));
        for (int i = 42; i < length; i++)
        {
            frame[i] = (byte)(i * 7 + seed * 13 + (i >> 8));
        }

        return frame;
    }

    /// <summary><paramref name="frame"/> in TX-pool buffers of at most <paramref name="segment"/> bytes each, linked into one chain.</summary>
    internal static Packet Chain(SimulatedPair pair, byte[] frame, int segment)
    {
        Assert.True(pair.TxPool.TryAlloc(out Packet head));
        frame.AsSpan(0, Math.Min(segment, frame.Length)).CopyTo(head.Append(Math.Min(segment, frame.Length)));
        for (int offset = segment; offset < frame.Length; offset += segment)
        {
            Assert.True(pair.TxPool.TryAlloc(out Packet tail));
            int length = Math.Min(segment, frame.Length - offset);
            frame.AsSpan(offset, length).CopyTo(tail.Append(length));
            head.AppendSegment(tail);
        }

        return head;
    }

    internal static byte[] WithFcs(byte[] frame)
    {
        var wire = new byte[frame.Length + 4];
        frame.CopyTo(wire, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(frame.Length), FrameCrc.Compute(frame));
        return wire;
    }

    internal static byte[] Bytes(Packet packet)
    {
        var bytes = new byte[packet.Length];
        Assert.Equal(bytes.Length, packet.CopyTo(bytes));
        return bytes;
    }

    private static int[] SegmentLengths(Packet chain)
    {
        var lengths = new List<int>();
        for (Packet segment = chain; !segment.IsNull; segment = segment.Next)
        {
            lengths.Add(segment.SegmentLength);
        }

        return [.. lengths];
    }

    private static List<Packet> ReceiveOn(IPort port, SimulatedPair pair, int expected)
    {
        var received = new List<Packet>();
        Span<Packet> burst = stackalloc Packet[32];
        for (int idle = 0; received.Count < expected && idle < 3;)
        {
            Assert.True(pair.DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            Assert.True(pair.DeviceB.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            int n = port.GetRxQueue(0).RxBurst(burst);
            idle = n == 0 ? idle + 1 : 0;
            for (int i = 0; i < n; i++)
            {
                received.Add(burst[i]);
            }
        }

        return received;
    }
}
