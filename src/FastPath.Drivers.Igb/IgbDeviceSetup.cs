using FastPath.Drivers.Igb.Phy;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Intel;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;
using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Drivers.Igb;

/// <summary>
/// The device-wide steps of 82576 initialization (datasheet 4.5, "Software initialization sequence"), each one a
/// short register sequence, kept apart from the port so that they can be checked against a register fake.
/// </summary>
public static class IgbDeviceSetup
{
    /// <summary>
    /// Masks every interrupt, issues a device reset (CTRL.RST, 4.3.1), waits until the bit self-clears and the EEPROM
    /// auto-read is done (EECD.AUTO_RD, 4.5.3), masks interrupts again (the reset unmasks nothing, but the datasheet
    /// asks for it in 4.5.1), disables every queue the reset left enabled, and sets CTRL_EXT.DRV_LOAD.
    /// </summary>
    /// <returns>
    /// Whether EECD.AUTO_RD was seen; QEMU's igb does not model it, so a device that reports an EEPROM present
    /// (EECD.PRES) without it is accepted.
    /// </returns>
    /// <exception cref="TimeoutException">CTRL.RST did not clear, or the EEPROM never reported itself.</exception>
    public static bool Reset<TRegisters>(ref TRegisters registers, TimeSpan timeout)
        where TRegisters : struct, IRegisterAccess
    {
        MaskInterrupts(ref registers);
        registers.Write(IgbRegister.DeviceControl, registers.Read(IgbRegister.DeviceControl) | IgbBits.ControlReset);
        // 4.3.1: wait at least 1 ms after setting RST before touching the device again.
        Thread.Sleep(1);
        RegisterPolling.WaitOrThrow(ref registers, IgbRegister.DeviceControl, IgbBits.ControlReset, 0, timeout, "82576 device reset (CTRL.RST)");
        bool autoRead = RegisterPolling.WaitFor(ref registers, IgbRegister.EepromControl, IgbBits.EepromAutoReadDone, IgbBits.EepromAutoReadDone, timeout / 10);
        if (!autoRead && (registers.Read(IgbRegister.EepromControl) & IgbBits.EepromPresent) == 0)
        {
            throw new TimeoutException($"82576 reset: EECD reads 0x{registers.Read(IgbRegister.EepromControl):x8}; neither EEPROM auto-read done (bit 9) nor EEPROM present (bit 8) within {timeout.TotalMilliseconds} ms.");
        }

        MaskInterrupts(ref registers);
        for (int q = 0; q < IgbRegister.QueueCount; q++)
        {
            registers.Write(IgbRegister.RxControl(q), registers.Read(IgbRegister.RxControl(q)) & ~QueueRegisterOffsets.QueueEnable);
            registers.Write(IgbRegister.TxControl(q), registers.Read(IgbRegister.TxControl(q)) & ~QueueRegisterOffsets.QueueEnable);
        }

        registers.Write(IgbRegister.ExtendedControl, registers.Read(IgbRegister.ExtendedControl) | IgbBits.ExtendedControlDriverLoaded);
        return autoRead;
    }

    /// <summary>Masks the legacy (IMC) and extended (EIMC) interrupt causes (8.8.8, 8.8.6).</summary>
    public static void MaskInterrupts<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        registers.Write(IgbRegister.InterruptMaskClear, IgbBits.InterruptClearAll);
        registers.Write(IgbRegister.ExtendedInterruptMaskClear, IgbBits.InterruptClearAll);
    }

    /// <summary>
    /// Copper link setup (4.5.7.2): CTRL.SLU set and speed/duplex left to the PHY (FRCSPD, FRCDPX clear), then the
    /// PHY powered up with auto-negotiation enabled and restarted through MDIC (PHY control register, 8.23.1). The
    /// link comes up once auto-negotiation completes; see <see cref="ReadLink"/>.
    /// </summary>
    public static void RestartAutoNegotiation<TRegisters>(ref TRegisters registers, TimeSpan timeout)
        where TRegisters : struct, IRegisterAccess
    {
        uint control = registers.Read(IgbRegister.DeviceControl);
        registers.Write(IgbRegister.DeviceControl, (control | IgbBits.ControlSetLinkUp) & ~(IgbBits.ControlForceSpeed | IgbBits.ControlForceDuplex));
        var phy = new MdioBus<TRegisters>(registers, timeout);
        ushort phyControl = phy.Read(PhyRegister.Control);
        phyControl = (ushort)((phyControl | PhyRegister.ControlAutoNegotiationEnable | PhyRegister.ControlRestartAutoNegotiation) & ~PhyRegister.ControlPowerDown);
        phy.Write(PhyRegister.Control, phyControl);
    }

    /// <summary>The link as STATUS reports it (8.2.2): LU, SPEED and FD.</summary>
    public static LinkStatus ReadLink<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        uint status = registers.Read(IgbRegister.DeviceStatus);
        if ((status & IgbBits.StatusLinkUp) == 0)
        {
            return LinkStatus.Down;
        }

        int speed = (status & IgbBits.StatusSpeedMask) switch
        {
            0 => 10,
            IgbBits.StatusSpeed100 => 100,
            _ => 1000, // 1xb (E1000_STATUS_SPEED_1000 0x80)
        };
        return new LinkStatus(true, speed, (status & IgbBits.StatusFullDuplex) != 0);
    }

    /// <summary>The MAC address in receive address register 0 (RAL0 bytes 0–3, RAH0 bytes 4–5; 8.10.13–8.10.14), loaded from the EEPROM at reset.</summary>
    public static MacAddress ReadMacAddress<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        uint low = registers.Read(IgbRegister.ReceiveAddressLow(0));
        uint high = registers.Read(IgbRegister.ReceiveAddressHigh(0));
        ReadOnlySpan<byte> mac = [(byte)low, (byte)(low >> 8), (byte)(low >> 16), (byte)(low >> 24), (byte)high, (byte)(high >> 8)];
        return new MacAddress(mac);
    }

    /// <summary>Writes <paramref name="address"/> into receive address register 0 and marks it valid (RAH.AV).</summary>
    public static void WriteMacAddress<TRegisters>(ref TRegisters registers, MacAddress address)
        where TRegisters : struct, IRegisterAccess
    {
        Span<byte> bytes = stackalloc byte[6];
        address.CopyTo(bytes);
        registers.Write(IgbRegister.ReceiveAddressLow(0), (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24));
        registers.Write(IgbRegister.ReceiveAddressHigh(0), (uint)(bytes[4] | bytes[5] << 8) | IgbBits.ReceiveAddressValid);
    }

    /// <summary>
    /// Receive filters and frame size (4.5.9): the multicast table cleared, broadcast accepted, CRC stripped, unicast
    /// and multicast promiscuous when asked, long packets above 1514 bytes (RCTL.LPE with RLPML). Leaves RCTL.RXEN clear.
    /// </summary>
    public static void ConfigureReceiveFilters<TRegisters>(ref TRegisters registers, bool promiscuous, int maxFrameSize)
        where TRegisters : struct, IRegisterAccess
    {
        for (int i = 0; i < IgbRegister.MulticastTableCount; i++)
        {
            registers.Write(IgbRegister.MulticastTable(i), 0);
        }

        uint rctl = IgbBits.ReceiveBroadcastAccept | IgbBits.ReceiveStripCrc;
        if (promiscuous)
        {
            rctl |= IgbBits.ReceiveUnicastPromiscuous | IgbBits.ReceiveMulticastPromiscuous;
        }

        if (maxFrameSize > 1514)
        {
            rctl |= IgbBits.ReceiveLongPacketEnable;
            // RLPML counts the CRC and a VLAN tag (82576 datasheet 8.10.3).
            registers.Write(IgbRegister.LongPacketMaximumLength, (uint)maxFrameSize + 4 + IntelPortOptions.VlanTagLength);
        }

        registers.Write(IgbRegister.ReceiveControl, rctl);
    }
}
