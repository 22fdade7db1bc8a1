namespace FastPath.Drivers.Igb.Phy;

/// <summary>
/// The IEEE 802.3 clause 22 PHY registers and bits the driver uses through MDIC (82576 datasheet 8.23 "PHY
/// registers"; the same numbers as Linux's public include/uapi/linux/mii.h).
/// </summary>
public static class PhyRegister
{
    /// <summary>Register 0, PHY control (BMCR; 8.23.1).</summary>
    public const int Control = 0;

    /// <summary>Register 1, PHY status (BMSR; 8.23.2).</summary>
    public const int Status = 1;

    /// <summary>Control bit 9: restart auto-negotiation, self-clearing (BMCR_ANRESTART 0x0200).</summary>
    public const ushort ControlRestartAutoNegotiation = 1 << 9;

    /// <summary>Control bit 12: auto-negotiation enable (BMCR_ANENABLE 0x1000).</summary>
    public const ushort ControlAutoNegotiationEnable = 1 << 12;

    /// <summary>Control bit 11: power down (BMCR_PDOWN 0x0800); cleared to power the PHY up.</summary>
    public const ushort ControlPowerDown = 1 << 11;
}
