using System.Buffers.Binary;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Pools;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>Two cabled simulated 82599s driven by the real driver, with a transmit pool on A.</summary>
internal sealed class SimulatedPair : IDisposable
{
    public SimulatedPair(IxgbePortOptions? a = null, IxgbePortOptions? b = null, int poolSize = 2048, int dataRoom = PacketLayout.DefaultDataRoom, int receivePoolSize = 2048)
    {
        (DeviceA, DeviceB) = SimulatedIxgbe.CreateCabledPair();
        var poolOptions = new PacketPoolOptions { Hugepages = HugepagePolicy.Never, DataRoom = dataRoom, CacheSize = 0, DebugChecks = true };
        (PortA, RxPoolA) = SimulatedIxgbe.Open(DeviceA, poolSize, a, poolOptions);
        (PortB, RxPoolB) = SimulatedIxgbe.Open(DeviceB, receivePoolSize, b, poolOptions);
        TxPool = PacketPool.Create("tx", poolSize, DeviceA.Iommu, poolOptions);
        PortA.Start();
        PortB.Start();
    }

    public SimulatedIxgbeDevice DeviceA { get; }
    public SimulatedIxgbeDevice DeviceB { get; }
    public IxgbePort<ModelRegisters> PortA { get; }
    public IxgbePort<ModelRegisters> PortB { get; }
    public PacketPool RxPoolA { get; }
    public PacketPool RxPoolB { get; }
    public PacketPool TxPool { get; }

    /// <summary>Whether the test injected a DMA fault, so that refused accesses are expected at close.</summary>
    public bool ExpectDmaViolations { get; set; }

    /// <summary>A UDP/IPv4 frame of <paramref name="length"/> bytes (CRC excluded) from A to B with the given ports.</summary>
    public Packet Frame(int length, ushort sourcePort = 1000, ushort destinationPort = 2000, uint sourceAddress = 0x0A000001)
    {
        Assert.True(TxPool.TryAlloc(out Packet packet));
        Span<byte> data = packet.Append(length);
        data.Clear();
        PortB.MacAddress.CopyTo(data);
        PortA.MacAddress.CopyTo(data[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(data[12..], 0x0800);
        if (length >= 42)
        {
            Span<byte> ip = data[14..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(length - 14));
            ip[8] = 64;
            ip[9] = 17;
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], sourceAddress);
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], 0x0A000002);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Add(0, ip[..20])));
            Span<byte> udp = ip[20..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(length - 34));
        }

        for (int i = 42; i < length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        return packet;
    }

    /// <summary>Receives on B's queue until <paramref name="expected"/> frames came or nothing more arrives.</summary>
    public List<Packet> Receive(int expected, int queue = 0)
    {
        var received = new List<Packet>();
        Span<Packet> burst = stackalloc Packet[32];
        for (int idle = 0; received.Count < expected && idle < 3;)
        {
            // The DMA engines run on their own threads; wait until both served every doorbell rung so far.
            Assert.True(DeviceA.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            Assert.True(DeviceB.Model.WaitUntilIdle(TimeSpan.FromSeconds(10)));
            int n = PortB.GetRxQueue(queue).RxBurst(burst);
            idle = n == 0 ? idle + 1 : 0;
            for (int i = 0; i < n; i++)
            {
                received.Add(burst[i]);
            }
        }

        return received;
    }

    public void Dispose()
    {
        PortA.Dispose();
        PortB.Dispose();
        (bool allReturned, IReadOnlyList<string> audit) = PoolAudit.Check([TxPool, RxPoolA, RxPoolB]);
        Assert.True(allReturned, string.Join("; ", audit));
        TxPool.Dispose();
        RxPoolA.Dispose();
        RxPoolB.Dispose();
        Assert.False(DeviceA.Model.IsEngineRunning);
        Assert.False(DeviceB.Model.IsEngineRunning);
        if (!ExpectDmaViolations)
        {
            Assert.Empty(DeviceA.Model.Violations);
            Assert.Empty(DeviceB.Model.Violations);
        }
    }
}
