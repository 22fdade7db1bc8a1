namespace L3Router;

/// <summary>Where a route sends a packet: the next hop's MAC address and the output port.</summary>
public readonly record struct NextHop
{
    /// <summary>Creates a next hop; throws when <paramref name="mac"/> does not fit in 48 bits.</summary>
    /// <param name="mac">The next hop's 48-bit MAC address, first byte most significant (02:00:00:00:00:01 is 0x020000000001).</param>
    /// <param name="port">The output port id.</param>
    public NextHop(ulong mac, ushort port)
    {
        if (mac > MacAddress.Max)
            throw new ArgumentOutOfRangeException(nameof(mac), mac, "A MAC address has 48 bits.");
        Mac = mac;
        Port = port;
    }

    /// <summary>The next hop's MAC address in the low 48 bits, first byte most significant.</summary>
    public ulong Mac { get; }

    /// <summary>The output port id.</summary>
    public ushort Port { get; }

    /// <summary>Formats as "MAC port N", the way a routes file writes it after "via".</summary>
    public override string ToString() => $"{MacAddress.Format(Mac)} port {Port}";
}
