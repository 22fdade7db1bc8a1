using System.Buffers.Binary;

namespace L3Router;

/// <summary>
/// The forwarding step of the router: checks one Ethernet II frame carrying IPv4 (optionally behind one 802.1Q
/// tag), looks up its destination, and rewrites it in place for the next hop.
/// </summary>
/// <remarks>
/// A forwarded frame has its TTL decremented, its header checksum updated incrementally (RFC 1624), its
/// destination MAC set to the next hop's and its source MAC set to the output port's. A dropped frame is left
/// unchanged. <see cref="Process"/> allocates nothing and keeps no state, so one instance can serve every
/// lcore; the caller loops over its burst and records each result in its own <see cref="RouterCounters"/>.
/// </remarks>
public sealed class Ipv4Forwarder
{
    private const int EthernetHeaderLength = 14;
    private const int VlanTagLength = 4;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeVlan = 0x8100;
    private const int MinimumIpv4HeaderLength = 20;

    private readonly RouteTable _routes;
    private readonly ulong[] _portMacs;

    /// <summary>Creates the forwarding step.</summary>
    /// <param name="routes">The route table.</param>
    /// <param name="portMacs">The source MAC of each output port, indexed by port id; every next hop's port needs one.</param>
    public Ipv4Forwarder(RouteTable routes, ReadOnlySpan<ulong> portMacs)
    {
        ArgumentNullException.ThrowIfNull(routes);
        for (int port = 0; port < portMacs.Length; port++)
        {
            if (portMacs[port] > MacAddress.Max)
                throw new ArgumentException($"The MAC of port {port}, 0x{portMacs[port]:x}, does not fit in 48 bits.", nameof(portMacs));
        }
        foreach (NextHop hop in routes.NextHops)
        {
            if (hop.Port >= portMacs.Length)
                throw new ArgumentException(
                    $"A route goes via {hop}, but only ports 0 to {portMacs.Length - 1} have a MAC; give port {hop.Port} a MAC or change the route.",
                    nameof(portMacs));
        }
        _routes = routes;
        _portMacs = portMacs.ToArray();
    }

    /// <summary>The number of output ports, the length of the port MAC list given at construction.</summary>
    public int PortCount => _portMacs.Length;

    /// <summary>Decides what to do with <paramref name="frame"/> and, when it is forwarded, rewrites it in place.</summary>
    /// <param name="frame">The whole Ethernet frame from the destination MAC on, without the FCS; trailing padding is allowed.</param>
    public ForwardResult Process(Span<byte> frame)
    {
        if (frame.Length < EthernetHeaderLength)
            return ForwardResult.Drop(ForwardAction.Malformed);

        int l3 = EthernetHeaderLength;
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == EtherTypeVlan)
        {
            if (frame.Length < EthernetHeaderLength + VlanTagLength)
                return ForwardResult.Drop(ForwardAction.Malformed);
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            l3 += VlanTagLength;
        }
        if (etherType != EtherTypeIpv4)
            return ForwardResult.Drop(ForwardAction.NotIpv4);

        Span<byte> ip = frame[l3..];
        if (ip.Length < MinimumIpv4HeaderLength)
            return ForwardResult.Drop(ForwardAction.Malformed);
        byte versionAndIhl = ip[0];
        int headerLength = (versionAndIhl & 0x0F) * 4;
        if ((versionAndIhl >> 4) != 4 || headerLength < MinimumIpv4HeaderLength || headerLength > ip.Length)
            return ForwardResult.Drop(ForwardAction.Malformed);
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength < headerLength || totalLength > ip.Length)
            return ForwardResult.Drop(ForwardAction.Malformed);
        if (!Ipv4Checksum.IsValid(ip[..headerLength]))
            return ForwardResult.Drop(ForwardAction.Malformed);

        byte ttl = ip[8];
        if (ttl <= 1)
            return ForwardResult.Drop(ForwardAction.TtlExpired);

        uint destination = BinaryPrimitives.ReadUInt32BigEndian(ip[16..]);
        if (!_routes.TryLookup(destination, out NextHop hop))
            return ForwardResult.Drop(ForwardAction.Unroutable);

        // TTL is the high byte of the 16-bit word at offset 8 (TTL, protocol).
        ushort oldWord = BinaryPrimitives.ReadUInt16BigEndian(ip[8..]);
        ushort newWord = (ushort)(oldWord - 0x0100);
        ip[8] = (byte)(ttl - 1);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(ip[10..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum.Update(checksum, oldWord, newWord));

        WriteMac(frame, hop.Mac);
        WriteMac(frame[6..], _portMacs[hop.Port]);
        return ForwardResult.ForwardTo(hop.Port);
    }

    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)mac);
    }
}
