using System.Diagnostics;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Memory;
using FastPath.Vfio.Mmio;

namespace FastPath.Vfio.Tests.Guest;

/// <summary>
/// Just enough of the Intel 82574 (e1000e) to move one frame with legacy descriptors. Register offsets and bits
/// from the "Intel 82574 GbE Controller Family Datasheet", chapter 10 (register descriptions) and
/// section 7 (descriptor formats).
/// </summary>
public static class E1000e
{
    /// <summary>Device Control, 10.2.2.1.</summary>
    public const nuint Ctrl = 0x0000;

    /// <summary>CTRL.SLU, set link up (bit 6), 10.2.2.1.</summary>
    public const uint CtrlSetLinkUp = 1u << 6;

    /// <summary>CTRL.RST, software reset (bit 26), 10.2.2.1.</summary>
    public const uint CtrlReset = 1u << 26;

    /// <summary>Device Status, 10.2.2.2.</summary>
    public const nuint Status = 0x0008;

    /// <summary>STATUS.LU, link up (bit 1), 10.2.2.2.</summary>
    public const uint StatusLinkUp = 1u << 1;

    /// <summary>MDI Control, 10.2.2.7: PHY register access.</summary>
    public const nuint Mdic = 0x0020;

    /// <summary>Interrupt Cause Read, 10.2.4.1.</summary>
    public const nuint Icr = 0x00C0;

    /// <summary>Interrupt Mask Set, 10.2.4.3.</summary>
    public const nuint Ims = 0x00D0;

    /// <summary>Interrupt Mask Clear, 10.2.4.4.</summary>
    public const nuint Imc = 0x00D8;

    /// <summary>Interrupt Vector Allocation, 10.2.4.9: bits 2:0 MSI-X vector of RxQ0, bit 3 valid.</summary>
    public const nuint Ivar = 0x00E4;

    /// <summary>ICR/IMS RxQ0 cause in MSI-X mode (bit 20), 10.2.4.1.</summary>
    public const uint InterruptRxQueue0 = 1u << 20;

    /// <summary>Receive Control, 10.2.5.1.</summary>
    public const nuint Rctl = 0x0100;

    /// <summary>RCTL: EN (bit 1), UPE (3), MPE (4), BAM (15), SECRC (26); BSIZE 00 = 2048-byte buffers.</summary>
    public const uint RctlEnablePromiscuousStripCrc = (1u << 1) | (1u << 3) | (1u << 4) | (1u << 15) | (1u << 26);

    /// <summary>Transmit Control, 10.2.6.1.</summary>
    public const nuint Tctl = 0x0400;

    /// <summary>TCTL: EN (bit 1), PSP pad short packets (bit 3).</summary>
    public const uint TctlEnablePad = (1u << 1) | (1u << 3);

    /// <summary>Receive Descriptor Base Address Low/High, Length, Head, Tail of queue 0, 10.2.5.</summary>
    public const nuint Rdbal = 0x2800, Rdbah = 0x2804, Rdlen = 0x2808, Rdh = 0x2810, Rdt = 0x2818;

    /// <summary>Transmit Descriptor Base Address Low/High, Length, Head, Tail of queue 0, 10.2.6.</summary>
    public const nuint Tdbal = 0x3800, Tdbah = 0x3804, Tdlen = 0x3808, Tdh = 0x3810, Tdt = 0x3818;

    /// <summary>Good Packets Received / Transmitted Count (clear on read), 10.2.7.</summary>
    public const nuint Gprc = 0x4074, Gptc = 0x4080;

    /// <summary>Legacy TX descriptor command bits (7.2.2.2.1): EOP (0), IFCS (1), RS (3).</summary>
    public const byte TxCommandEopIfcsRs = 0x01 | 0x02 | 0x08;

    /// <summary>Descriptor status DD, descriptor done (bit 0), and RX EOP (bit 1).</summary>
    public const byte StatusDescriptorDone = 0x01, RxStatusEndOfPacket = 0x02;

    /// <summary>Masks interrupts, resets the MAC, sets link up and waits for STATUS.LU, restarting autonegotiation through the PHY if needed.</summary>
    public static void ResetAndLinkUp(MmioRegisters registers)
    {
        registers.Write32(Imc, uint.MaxValue);
        registers.Write32(Ctrl, registers.Read32(Ctrl) | CtrlReset);
        Thread.Sleep(2);
        WaitFor(() => (registers.Read32(Ctrl) & CtrlReset) == 0, TimeSpan.FromSeconds(1), "CTRL.RST to clear");
        registers.Write32(Imc, uint.MaxValue);
        registers.Read32(Icr);
        registers.Write32(Ctrl, registers.Read32(Ctrl) | CtrlSetLinkUp);
        if (TryWait(() => (registers.Read32(Status) & StatusLinkUp) != 0, TimeSpan.FromMilliseconds(300)))
        {
            return;
        }

        // PHY Control is PHY register 0 (IEEE 802.3 clause 22.2.4.1): autonegotiation enable (bit 12) + restart (bit 9),
        // written through MDIC (10.2.2.7): data 15:0, register 20:16, PHY address 1 at 25:21, opcode write 01 at 27:26.
        registers.Write32(Mdic, 0x1340u | (0u << 16) | (1u << 21) | (1u << 26));
        WaitFor(() => (registers.Read32(Status) & StatusLinkUp) != 0, TimeSpan.FromSeconds(5), "STATUS.LU (link up)");
    }

    /// <summary>Programs receive queue 0 with <paramref name="count"/> legacy descriptors whose buffers follow the ring, and enables reception.</summary>
    public static unsafe void StartRx(MmioRegisters registers, DmaRegion memory, nuint ringOffset, int count, nuint buffersOffset)
    {
        var ring = (LegacyRxDescriptor*)(memory.Address + (nint)ringOffset);
        for (int i = 0; i < count; i++)
        {
            ring[i] = new LegacyRxDescriptor { BufferAddress = memory.GetIova(buffersOffset + (nuint)(i * 2048)) };
        }

        ulong iova = memory.GetIova(ringOffset);
        registers.Write32(Rdbal, (uint)iova);
        registers.Write32(Rdbah, (uint)(iova >> 32));
        registers.Write32(Rdlen, (uint)(count * sizeof(LegacyRxDescriptor)));
        registers.Write32(Rdh, 0);
        registers.Write32(Rdt, (uint)(count - 1));
        registers.Write32(Rctl, RctlEnablePromiscuousStripCrc);
    }

    /// <summary>Programs transmit queue 0 with an empty ring of <paramref name="count"/> legacy descriptors and enables transmission.</summary>
    public static unsafe void StartTx(MmioRegisters registers, DmaRegion memory, nuint ringOffset, int count)
    {
        new Span<byte>((void*)(memory.Address + (nint)ringOffset), count * sizeof(LegacyTxDescriptor)).Clear();
        ulong iova = memory.GetIova(ringOffset);
        registers.Write32(Tdbal, (uint)iova);
        registers.Write32(Tdbah, (uint)(iova >> 32));
        registers.Write32(Tdlen, (uint)(count * sizeof(LegacyTxDescriptor)));
        registers.Write32(Tdh, 0);
        registers.Write32(Tdt, 0);
        registers.Write32(Tctl, TctlEnablePad);
    }

    public static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        if (!TryWait(condition, timeout))
        {
            throw new TimeoutException($"Timed out after {timeout.TotalMilliseconds} ms waiting for {what}.");
        }
    }

    public static bool TryWait(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }
}
