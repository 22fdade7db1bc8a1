using FastPath.Ports.Virtual;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Ports;

namespace FastPath.Tests.Ports.Registry;

public sealed class PortSpecTests
{
    private static readonly PortDriver s_pcapLike = new()
    {
        Kind = "pcap",
        Syntax = "pcap:FILE[:loop=N][:timed]",
        Description = "test",
        TargetName = "file",
        Options = new HashSet<string> { "loop" },
        Flags = new HashSet<string> { "timed" },
        Open = static (_, _) => throw new NotSupportedException(),
    };

    private static readonly PortDriver s_pciLike = new()
    {
        Kind = "pci",
        Syntax = "pci:DDDD:BB:DD.F[:queues=N]",
        Description = "test",
        TargetName = "PCI address",
        Options = new HashSet<string> { "queues" },
        Open = static (_, _) => throw new NotSupportedException(),
    };

    private readonly PortRegistry _factory = VirtualPortDrivers.CreateRegistry();

    [Fact]
    public void NullWithoutOptions()
    {
        PortSpec spec = _factory.Parse("null");
        Assert.Equal("null", spec.Kind);
        Assert.Equal("", spec.Target);
        Assert.Empty(spec.Options);
    }

    [Fact]
    public void NullWithSyntheticFrames()
    {
        PortSpec spec = _factory.Parse("null:rx=64");
        Assert.Equal(64, spec.GetInt("rx", 0, 60, 2048));
    }

    [Fact]
    public void RingTakesItsName()
    {
        PortSpec spec = _factory.Parse("ring:link0");
        Assert.Equal("ring", spec.Kind);
        Assert.Equal("link0", spec.Target);
    }

    [Fact]
    public void AfPacketWithQueues()
    {
        PortSpec spec = _factory.Parse("af_packet:veth0:queues=4");
        Assert.Equal("veth0", spec.Target);
        Assert.Equal(4, spec.GetInt("queues", 1, 1, 64));
    }

    [Fact]
    public void PcapSpecsOfTheDefaultFactory()
    {
        PortSpec spec = _factory.Parse("pcap:/tmp/in.pcap:loop=3:timed");
        Assert.Equal("/tmp/in.pcap", spec.Target);
        Assert.True(spec.HasFlag("timed"));
        Assert.Equal("out.pcap", _factory.Parse("pcap-out:out.pcap").Target);
    }

    [Fact]
    public void PcapWriterThenReaderRoundTrip()
    {
        using var pool = TestPools.Create();
        string path = Path.Combine(Path.GetTempPath(), $"fastpath-spec-{Environment.ProcessId}.pcap");
        using (IPort writer = _factory.Open("pcap-out:" + path, TestPools.Context(pool)))
        {
            writer.Start();
            FastPath.Mempool.Buffers.Packet[] frames = new FastPath.Mempool.Buffers.Packet[4];
            Assert.Equal(4, pool.Alloc(frames));
            foreach (var frame in frames)
            {
                frame.Length = 60;
            }

            Assert.Equal(4, writer.GetTxQueue(0).TxBurst(frames));
        }

        using (IPort reader = _factory.Open($"pcap:{path}:loop=2", TestPools.Context(pool)))
        {
            reader.Start();
            FastPath.Mempool.Buffers.Packet[] frames = new FastPath.Mempool.Buffers.Packet[16];
            int total = 0;
            for (int i = 0; i < 100 && reader.Link.IsUp; i++)
            {
                int n = reader.GetRxQueue(0).RxBurst(frames);
                pool.Free(frames.AsSpan(0, n));
                total += n;
            }

            Assert.Equal(8, total);
        }

        File.Delete(path);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void MissingPcapFileIsAUsageError()
    {
        using var pool = TestPools.Create();
        Assert.Contains("nosuch.pcap", Assert.Throws<UsageException>(() => _factory.Open("pcap:/nosuch.pcap", TestPools.Context(pool))).Message);
    }

    [Fact]
    public void FlagsAndOptionsAreTakenFromTheEnd()
    {
        PortSpec spec = PortSpec.Parse("pcap:in.pcap:loop=3:timed", s_pcapLike);
        Assert.Equal("in.pcap", spec.Target);
        Assert.Equal(3, spec.GetInt("loop", 1, 0, 1000));
        Assert.True(spec.HasFlag("timed"));
    }

    [Fact]
    public void TargetMayContainColons()
    {
        PortSpec spec = PortSpec.Parse("pci:0000:03:00.0:queues=2", s_pciLike);
        Assert.Equal("0000:03:00.0", spec.Target);
        Assert.Equal(2, spec.GetInt("queues", 1, 1, 64));
    }

    [Fact]
    public void RegisteredDriversAreUsed()
    {
        var factory = VirtualPortDrivers.CreateRegistry();
        factory.Register(s_pciLike);
        Assert.Equal("0000:03:00.0", factory.Parse("pci:0000:03:00.0").Target);
    }

    [Fact]
    public void RegisteringAKindTwiceFails() =>
        Assert.Throws<InvalidOperationException>(() => _factory.Register(VirtualPortDrivers.Null));

    [Theory]
    [InlineData("foo:bar", "unknown port kind 'foo'")]
    [InlineData("pci:0000:03:00.0", "not available in this build")]
    [InlineData("sim:ixgbe", "not available in this build")]
    [InlineData("ring", "lacks the ring name")]
    [InlineData("af_packet", "lacks the interface name")]
    [InlineData("null:eth0", "takes no target")]
    [InlineData("af_packet:veth0:queue=2", "has no option 'queue'")]
    [InlineData("af_packet:veth0:queues=1:queues=2", "twice")]
    public void BadSpecsSayWhatIsWrong(string text, string expected)
    {
        UsageException error = Assert.Throws<UsageException>(() => _factory.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("null:rx=10")]
    [InlineData("null:rx=abc")]
    [InlineData("null:queues=0")]
    public void BadNumbersAreRejectedWhenOpening(string text)
    {
        using var pool = TestPools.Create();
        UsageException error = Assert.Throws<UsageException>(() => _factory.Open(text, TestPools.Context(pool)));
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void MissingInterfaceIsAUsageError()
    {
        using var pool = TestPools.Create();
        UsageException error = Assert.Throws<UsageException>(() => _factory.Open("af_packet:nosuch0", TestPools.Context(pool)));
        Assert.Contains("nosuch0", error.Message);
    }

    [Fact]
    public void OpensNullAndRingPorts()
    {
        using var pool = TestPools.Create();
        using IPort nullPort = _factory.Open("null:rx=64:queues=2", TestPools.Context(pool));
        Assert.Equal(2, nullPort.RxQueueCount);
        using IPort a = _factory.Open("ring:spec-test", TestPools.Context(pool));
        using IPort b = _factory.Open("ring:spec-test", TestPools.Context(pool));
        Assert.True(a.Link.IsUp);
    }
}
