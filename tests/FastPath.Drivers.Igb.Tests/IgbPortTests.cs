using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Tests.Fakes;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Testing;

namespace FastPath.Drivers.Igb.Tests;

/// <summary>An 82576 port over the register fake: what the driver writes to the device and into the frames it sends.</summary>
public sealed class IgbPortTests
{
    private static readonly IgbPortOptions Fast = new() { HandshakeTimeout = TimeSpan.FromMilliseconds(100), LinkTimeout = TimeSpan.FromMilliseconds(1), RxQueues = 1, TxQueues = 1 };

    public static TheoryData<bool, bool> ChecksumKinds => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(ChecksumKinds))]
    public void TransmitChecksumOffloadSeedsThePseudoHeaderAsThe82576Expects(bool ipv6, bool tcp)
    {
        using PacketPool pool = Pool(PacketLayout.DefaultDataRoom);
        var file = Device();
        using (var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast))
        {
            port.Start();
            Assert.True(pool.TryAlloc(out Packet frame));
            ChecksumFrames.Write(frame, 200, ipv6, tcp, [0x02, 0, 0, 0, 0, 2], [0x02, 0, 0, 0, 0, 1]);
            byte[] written = frame.Data.ToArray();

            Assert.Equal(1, port.GetTxQueue(0).TxBurst([frame]));

            // 82576 7.2.5 as 82599 7.2.5: the device sums the segment with the field as it is, so the field holds the
            // pseudo-header sum, and the IPv4 header checksum field holds 0 for IXSM.
            int field = ChecksumFrames.L4ChecksumOffset(ipv6, tcp);
            ushort seed = ChecksumFrames.PseudoHeaderSum(written);
            Assert.Equal(seed, (ushort)(frame.Data[field] << 8 | frame.Data[field + 1]));
            if (!ipv6)
            {
                Assert.Equal(0, frame.Data[24] | frame.Data[25]);
            }

            frame.Data[field] = frame.Data[field + 1] = written[field] = written[field + 1] = 0;
            frame.Data[24] = frame.Data[25] = written[24] = written[25] = 0;
            Assert.Equal(written, frame.Data.ToArray());
            file[IgbRegister.TxHead(0)] = file[IgbRegister.TxTail(0)];
        }

        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void WithoutTheOffloadTheFrameIsSentAsItIs()
    {
        using PacketPool pool = Pool(PacketLayout.DefaultDataRoom);
        var file = Device();
        using (var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast with { Tx = new() { ChecksumOffload = false } }))
        {
            port.Start();
            Assert.True(pool.TryAlloc(out Packet frame));
            ChecksumFrames.Write(frame, 200, ipv6: false, tcp: true, [0x02, 0, 0, 0, 0, 2], [0x02, 0, 0, 0, 0, 1]);
            byte[] written = frame.Data.ToArray();
            Assert.Equal(1, port.GetTxQueue(0).TxBurst([frame]));
            Assert.Equal(written, frame.Data.ToArray());
            file[IgbRegister.TxHead(0)] = file[IgbRegister.TxTail(0)];
        }

        Assert.Equal(pool.Capacity, pool.Available);
    }

    [Fact]
    public void ABufferThatHoldsTheFrameOnlyInBytesNotInWholeKiBIsRefused()
    {
        // 1984 bytes hold an 1800-byte frame, but SRRCTL.BSIZEPACKET counts whole KiB (82576 8.10.2): 1 KiB would be programmed.
        using PacketPool pool = Pool(1984);
        Assert.Equal(1984, pool.DataRoom);
        var function = new FakeDeviceFunction();
        var error = Assert.Throws<ArgumentException>(() => new IgbPort<FakeRegisters>("fake", new FakeRegisters(Device()), function, pool, Fast with { MaxFrameSize = 1800 }));
        Assert.Contains("1984-byte data room", error.Message);
        Assert.Contains("2 KiB per buffer", error.Message);
        Assert.True(function.Disposed);
    }

    [Fact]
    public void ReceiveBuffersAreProgrammedInWholeKiBThatHoldTheLargestFrame()
    {
        using PacketPool pool = Pool(2048);
        var file = Device();
        using (var port = new IgbPort<FakeRegisters>("fake", new FakeRegisters(file), new FakeDeviceFunction(), pool, Fast with { MaxFrameSize = 1800 }))
        {
            Assert.Equal(2048, port.Info.MaxRxSegmentSize);
            Assert.Equal(9720, port.Info.MaxFrameSize);
            port.Start();
            uint kib = file[IgbRegister.RxSplitControl(0)] & IgbBits.SrrctlPacketBufferSizeMask;
            Assert.Equal(2u, kib);
            Assert.True(kib * 1024 >= 1800);
        }

        Assert.Equal(pool.Capacity, pool.Available);
    }

    private static PacketPool Pool(int dataRoom) =>
        PacketPool.Create("igb-test", 1024, IdentityDmaMapper.Instance, new PacketPoolOptions { Hugepages = HugepagePolicy.Never, DataRoom = dataRoom, CacheSize = 0, DebugChecks = true });

    /// <summary>A register file that passes reset: EEPROM auto-read done, link up.</summary>
    private static RegisterFile Device()
    {
        var file = new RegisterFile();
        file[IgbRegister.EepromControl] = IgbBits.EepromAutoReadDone;
        file[IgbRegister.DeviceStatus] = IgbBits.StatusLinkUp;
        return file;
    }
}
