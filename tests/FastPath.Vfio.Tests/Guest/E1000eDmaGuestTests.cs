using System.Diagnostics;
using FastPath.Linux.Events;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Mmio;
using FastPath.Vfio.Pci;
using Xunit.Abstractions;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>
/// DMA through the IOMMU for real: NIC A transmits one frame from hugepage memory mapped with
/// <see cref="VfioDmaMapper"/>, NIC B (cabled to A) receives it into its own mapped memory and raises MSI-X.
/// </summary>
[Collection(GuestCollection.Name)]
[Trait("Category", "Guest")]
public sealed unsafe class E1000eDmaGuestTests(ITestOutputHelper output)
{
    private const int RingSize = 8;
    private const nuint RingOffset = 0;
    private const nuint BuffersOffset = 4096;
    private const int FrameLength = 64;

    [GuestFact(NicModel = "e1000e")]
    public void A_frame_sent_on_a_arrives_on_b_byte_for_byte_and_fires_msix()
    {
        using VfioContainer container = VfioContainer.Open();
        using Link link = Link.Open(container);
        using EventFd rxInterrupt = EventFd.Create();
        using var waiter = new EpollWaiter();
        waiter.Add(rxInterrupt, 1);

        link.B.Device.SetIrqEventFds(VfioPciIrq.Msix, 0, [rxInterrupt]);
        link.RegistersB.Write32(E1000e.Ivar, 0x8);
        link.RegistersB.Write32(E1000e.Ims, E1000e.InterruptRxQueue0);

        byte[] frame = Frame(0x5A);
        var clock = Stopwatch.StartNew();
        link.Send(0, frame);
        LegacyRxDescriptor* received = link.RxDescriptor(0);
        E1000e.WaitFor(() => (Volatile.Read(ref received->Status) & E1000e.StatusDescriptorDone) != 0, TimeSpan.FromSeconds(5), "RX descriptor 0 DD on NIC B");
        output.WriteLine($"frame arrived after {clock.Elapsed.TotalMilliseconds:F2} ms, length {received->Length}, status 0x{received->Status:x2}");

        Assert.Equal(E1000e.StatusDescriptorDone | E1000e.RxStatusEndOfPacket, received->Status & (E1000e.StatusDescriptorDone | E1000e.RxStatusEndOfPacket));
        Assert.Equal(FrameLength, received->Length);
        Assert.Equal(frame, link.RxBuffer(0, FrameLength).ToArray());

        Span<ulong> ready = stackalloc ulong[1];
        Assert.Equal(1, waiter.Wait(ready, 5000));
        Assert.True(rxInterrupt.TryRead(out ulong interrupts));
        output.WriteLine($"MSI-X vector 0 fired {interrupts} time(s)");
        Assert.Equal(1u, link.RegistersA.Read32(E1000e.Gptc));
        Assert.Equal(1u, link.RegistersB.Read32(E1000e.Gprc));
        link.B.Device.DisableIrqs(VfioPciIrq.Msix);
    }

    [GuestFact(NicModel = "e1000e")]
    public void After_unmap_dma_the_nic_can_no_longer_reach_the_memory()
    {
        using VfioContainer container = VfioContainer.Open();
        using Link link = Link.Open(container);
        VfioDmaMapper mapper = link.Mapper;

        link.Send(0, Frame(0x11));
        LegacyRxDescriptor* first = link.RxDescriptor(0);
        E1000e.WaitFor(() => (Volatile.Read(ref first->Status) & E1000e.StatusDescriptorDone) != 0, TimeSpan.FromSeconds(5), "the first frame");
        Assert.Equal(1u, link.RegistersA.Read32(E1000e.Gptc));

        int faultsBefore = KernelLog.CountDmarFaults();
        int mappingsBefore = mapper.MappingCount;
        (ulong unmappedStart, ulong unmappedEnd) = link.TxIovaRange;
        link.UnmapTxMemory();
        Assert.Equal(mappingsBefore - 1, mapper.MappingCount);
        link.RegistersA.Write32(E1000e.Tdt, 2);

        bool faulted = E1000e.TryWait(() => KernelLog.CountDmarFaults() > faultsBefore, TimeSpan.FromSeconds(5));
        Thread.Sleep(200);

        // Only the records of NIC A inside the IOVA range just unmapped, logged after the unmap, are this test's: the
        // suite subtracts exactly those lines, so any other fault (another device, another address) still fails it.
        IReadOnlyList<string> provoked = KernelLog.FaultRecordsOf(KernelLog.DmarFaultLines().Skip(faultsBefore), GuestNics.A, unmappedStart, unmappedEnd);
        KernelLog.RecordExpectedFaults(provoked);
        output.WriteLine($"DMAR fault records of NIC A in [0x{unmappedStart:x}, 0x{unmappedEnd:x}):\n{string.Join("\n", provoked)}");
        Assert.True(faulted, "Kicking TDT after VFIO_IOMMU_UNMAP_DMA must make the IOMMU log a DMAR fault.");
        Assert.NotEmpty(provoked);
        Assert.All(provoked, record => Assert.Contains("PTE Read access is not set", record));

        LegacyRxDescriptor* second = link.RxDescriptor(1);
        Assert.Equal(0, Volatile.Read(ref second->Status) & E1000e.StatusDescriptorDone);
        Assert.Equal(0u, link.RegistersA.Read32(E1000e.Gptc));
        Assert.Equal(1u, link.RegistersB.Read32(E1000e.Gprc));
    }

    [GuestFact(NicModel = "e1000e")]
    public void Reset_keeps_the_device_usable_and_its_config_space_restored()
    {
        using VfioContainer container = VfioContainer.Open();
        using VfioPciDevice nic = VfioPciDevice.Open(GuestNics.A, container);
        MmioRegisters registers = nic.GetBar(0);
        PciCommand before = nic.EnableBusMastering();
        registers.Write32(E1000e.Tdlen, 8 * 16);
        var clock = Stopwatch.StartNew();
        nic.Reset();
        string method = File.ReadAllText(Path.Combine(new PciSysfs().DevicePath(GuestNics.A), "reset_method")).Trim();
        output.WriteLine($"VFIO_DEVICE_RESET ({method}) took {clock.Elapsed.TotalMilliseconds:F1} ms; TDLEN after it 0x{registers.Read32(E1000e.Tdlen):x}");

        // The kernel saves config space before the reset and restores it after, so the command register survives.
        Assert.Equal(before, nic.Config.Command);
        Assert.Equal(0x8086, nic.Config.VendorId);
        Assert.NotEqual(uint.MaxValue, registers.Read32(E1000e.Status));
        E1000e.ResetAndLinkUp(registers);
        Assert.Equal(E1000e.StatusLinkUp, registers.Read32(E1000e.Status) & E1000e.StatusLinkUp);
    }

    private static byte[] Frame(byte seed)
    {
        byte[] frame = new byte[FrameLength];
        frame.AsSpan(0, 6).Fill(0xFF);
        byte[] source = [0x52, 0x54, 0x00, 0xfa, 0x00, 0x00];
        source.CopyTo(frame, 6);
        frame[12] = 0x88;
        frame[13] = 0xB5;
        for (int i = 14; i < frame.Length; i++)
        {
            frame[i] = (byte)(seed + i);
        }

        return frame;
    }

    /// <summary>NIC A with a TX ring and NIC B with an RX ring, each in its own hugepage, link up.</summary>
    private sealed class Link : IDisposable
    {
        private DmaRegion? _txMemory;

        private Link(VfioPciDevice a, VfioPciDevice b, VfioDmaMapper mapper, DmaRegion txMemory, DmaRegion rxMemory)
        {
            A = a;
            B = b;
            Mapper = mapper;
            _txMemory = txMemory;
            RxMemory = rxMemory;
        }

        public VfioPciDevice A { get; }

        public VfioPciDevice B { get; }

        public VfioDmaMapper Mapper { get; }

        public DmaRegion RxMemory { get; }

        public MmioRegisters RegistersA => A.GetBar(0);

        public MmioRegisters RegistersB => B.GetBar(0);

        public static Link Open(VfioContainer container)
        {
            VfioPciDevice a = VfioPciDevice.Open(GuestNics.A, container);
            VfioPciDevice b = VfioPciDevice.Open(GuestNics.B, container);
            var mapper = new VfioDmaMapper(container);
            DmaRegion tx = DmaRegion.Allocate(2 << 20, mapper, HugepagePolicy.Require);
            DmaRegion rx = DmaRegion.Allocate(2 << 20, mapper, HugepagePolicy.Require);
            var link = new Link(a, b, mapper, tx, rx);
            a.Reset();
            b.Reset();
            a.EnableBusMastering();
            b.EnableBusMastering();
            E1000e.ResetAndLinkUp(link.RegistersA);
            E1000e.ResetAndLinkUp(link.RegistersB);
            link.RegistersA.Read32(E1000e.Gptc);
            link.RegistersB.Read32(E1000e.Gprc);
            E1000e.StartRx(link.RegistersB, rx, RingOffset, RingSize, BuffersOffset);
            E1000e.StartTx(link.RegistersA, tx, RingOffset, RingSize);
            return link;
        }

        public void Send(int index, ReadOnlySpan<byte> frame)
        {
            DmaRegion tx = _txMemory!;
            nuint bufferOffset = BuffersOffset + (nuint)(index * 2048);
            frame.CopyTo(new Span<byte>((void*)(tx.Address + (nint)bufferOffset), frame.Length));
            var ring = (LegacyTxDescriptor*)(tx.Address + (nint)RingOffset);
            ring[index] = new LegacyTxDescriptor
            {
                BufferAddress = tx.GetIova(bufferOffset),
                Length = (ushort)frame.Length,
                Command = E1000e.TxCommandEopIfcsRs,
            };
            RegistersA.Write32(E1000e.Tdt, (uint)(index + 1));
        }

        public LegacyRxDescriptor* RxDescriptor(int index) => (LegacyRxDescriptor*)(RxMemory.Address + (nint)RingOffset) + index;

        public ReadOnlySpan<byte> RxBuffer(int index, int length) => new((void*)(RxMemory.Address + (nint)(BuffersOffset + (nuint)(index * 2048))), length);

        /// <summary>The IOVA range the TX memory (ring and buffers) is mapped at: [start, end).</summary>
        public (ulong Start, ulong End) TxIovaRange => (_txMemory!.GetIova(0), _txMemory.GetIova(0) + _txMemory.Length);

        public void UnmapTxMemory()
        {
            _txMemory?.Dispose();
            _txMemory = null;
        }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            _txMemory?.Dispose();
            RxMemory.Dispose();
            Mapper.Dispose();
        }
    }
}
