namespace L3Router.Tests;

public sealed class RouteTableTests
{
    private static Route R(string prefix, ushort port, ulong mac = 0) =>
        new(Ipv4Prefix.Parse(prefix), new NextHop(mac == 0 ? 0x0200_0000_0000UL + port : mac, port));

    private static uint A(string address) => Ipv4Address.TryParse(address, out uint value) ? value : throw new FormatException(address);

    private static int? PortOf(RouteTable table, string address) =>
        table.TryLookup(A(address), out NextHop hop) ? hop.Port : null;

    [Fact]
    public void Empty_table_routes_nothing()
    {
        RouteTable table = RouteTable.Build([]);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryLookup(0x0A00_0001, out _));
    }

    [Fact]
    public void Default_route_matches_everything()
    {
        RouteTable table = RouteTable.Build([R("0.0.0.0/0", 7)]);
        Assert.Equal(7, PortOf(table, "0.0.0.0"));
        Assert.Equal(7, PortOf(table, "255.255.255.255"));
        Assert.Equal(7, PortOf(table, "10.20.30.40"));
    }

    [Fact]
    public void Host_route_matches_one_address()
    {
        RouteTable table = RouteTable.Build([R("10.1.2.3/32", 1)]);
        Assert.Equal(1, PortOf(table, "10.1.2.3"));
        Assert.Null(PortOf(table, "10.1.2.2"));
        Assert.Null(PortOf(table, "10.1.2.4"));
        Assert.Null(PortOf(table, "10.1.3.3"));
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0", "10.1.255.255", "10.0.255.255", "10.2.0.0")]
    [InlineData("10.1.128.0/17", "10.1.128.0", "10.1.255.255", "10.1.127.255", "10.2.0.0")]
    [InlineData("10.1.2.0/24", "10.1.2.0", "10.1.2.255", "10.1.1.255", "10.1.3.0")]
    [InlineData("10.1.2.128/25", "10.1.2.128", "10.1.2.255", "10.1.2.127", "10.1.3.0")]
    [InlineData("10.0.0.0/8", "10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0")]
    [InlineData("10.1.2.4/30", "10.1.2.4", "10.1.2.7", "10.1.2.3", "10.1.2.8")]
    public void A_prefix_covers_exactly_its_range(string prefix, string first, string last, string before, string after)
    {
        RouteTable table = RouteTable.Build([R(prefix, 3)]);
        Assert.Equal(3, PortOf(table, first));
        Assert.Equal(3, PortOf(table, last));
        Assert.Null(PortOf(table, before));
        Assert.Null(PortOf(table, after));
    }

    [Fact]
    public void Longest_nested_prefix_wins_in_any_insertion_order()
    {
        Route[] routes =
        [
            R("0.0.0.0/0", 0), R("10.0.0.0/8", 1), R("10.1.0.0/16", 2), R("10.1.128.0/17", 3),
            R("10.1.130.0/24", 4), R("10.1.130.128/25", 5), R("10.1.130.200/32", 6),
        ];
        var random = new Random(1624);
        for (int round = 0; round < 20; round++)
        {
            Route[] shuffled = [.. routes];
            random.Shuffle(shuffled);
            RouteTable table = RouteTable.Build(shuffled);
            Assert.Equal(7, table.Count);
            Assert.Equal(0, PortOf(table, "11.0.0.1"));
            Assert.Equal(1, PortOf(table, "10.2.0.1"));
            Assert.Equal(2, PortOf(table, "10.1.127.1"));
            Assert.Equal(3, PortOf(table, "10.1.129.1"));
            Assert.Equal(4, PortOf(table, "10.1.130.127"));
            Assert.Equal(5, PortOf(table, "10.1.130.128"));
            Assert.Equal(5, PortOf(table, "10.1.130.199"));
            Assert.Equal(6, PortOf(table, "10.1.130.200"));
            Assert.Equal(5, PortOf(table, "10.1.130.201"));
            Assert.Equal(3, PortOf(table, "10.1.131.0"));
        }
    }

    [Fact]
    public void Same_prefix_with_two_next_hops_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => RouteTable.Build([R("10.0.0.0/8", 1), R("10.0.0.0/8", 2)]));
        Assert.StartsWith("10.0.0.0/8 is routed twice, via 02:00:00:00:00:01 port 1 and via 02:00:00:00:00:02 port 2; keep one", e.Message);
    }

    [Fact]
    public void Same_route_twice_counts_once()
    {
        RouteTable table = RouteTable.Build([R("10.0.0.0/8", 1), R("10.0.0.0/8", 1), R("10.0.0.0/9", 1)]);
        Assert.Equal(2, table.Count);
        Assert.Single(table.NextHops);
    }

    [Fact]
    public void Next_hop_mac_comes_back()
    {
        RouteTable table = RouteTable.Build([R("10.0.0.0/8", 4, mac: 0x0252_5400_1234)]);
        Assert.True(table.TryLookup(A("10.9.9.9"), out NextHop hop));
        Assert.Equal(new NextHop(0x0252_5400_1234, 4), hop);
    }

    [Fact]
    public void Memory_grows_by_blocks_only_where_needed()
    {
        long baseline = RouteTable.Build([R("10.0.0.0/8", 1)]).MemoryBytes;
        Assert.True(baseline < 65536 * 4 + 64);
        long withHostRoute = RouteTable.Build([R("10.0.0.0/8", 1), R("10.1.2.3/32", 1)]).MemoryBytes;
        Assert.Equal(baseline + 2 * 256 * 4, withHostRoute);
    }

    [Fact]
    public void Matches_a_linear_longest_prefix_match_on_random_tables()
    {
        var random = new Random(20240501);
        for (int iteration = 0; iteration < 150; iteration++)
        {
            List<Route> routes = RandomRoutes(random, random.Next(1, 400));
            RouteTable table = RouteTable.Build(routes);
            Assert.Equal(routes.Count, table.Count);

            var destinations = new uint[3000];
            for (int i = 0; i < destinations.Length; i++)
                destinations[i] = RandomAddressNear(random, routes);
            var hopIndexes = new int[destinations.Length];
            table.LookupBulk(destinations, hopIndexes);

            for (int i = 0; i < destinations.Length; i++)
            {
                uint destination = destinations[i];
                Route? expected = NaiveLookup(routes, destination);
                bool found = table.TryLookup(destination, out NextHop hop);
                Assert.True(expected.HasValue == found, $"iteration {iteration}: {Ipv4Address.Format(destination)} found={found}");
                if (expected is { } route)
                {
                    Assert.Equal(route.NextHop, hop);
                    Assert.Equal(route.NextHop, table.NextHops[hopIndexes[i]]);
                }
                else
                {
                    Assert.Equal(-1, hopIndexes[i]);
                }
            }
        }
    }

    [Fact]
    public void LookupBulk_needs_room_for_every_result()
    {
        RouteTable table = RouteTable.Build([R("0.0.0.0/0", 1)]);
        Assert.Throws<ArgumentException>(() => table.LookupBulk(new uint[4], new int[3]));
    }

    private static Route? NaiveLookup(List<Route> routes, uint destination)
    {
        Route? best = null;
        foreach (Route route in routes)
        {
            if (route.Prefix.Contains(destination) && (best is null || route.Prefix.Length > best.Value.Prefix.Length))
                best = route;
        }
        return best;
    }

    /// <summary>Routes clustered around a few addresses so that many nest and share trie blocks, with distinct prefixes.</summary>
    private static List<Route> RandomRoutes(Random random, int count)
    {
        var anchors = new uint[random.Next(1, 6)];
        for (int i = 0; i < anchors.Length; i++)
            anchors[i] = (uint)random.NextInt64(0, 1L << 32);
        var byPrefix = new Dictionary<Ipv4Prefix, Route>();
        for (int i = 0; i < count; i++)
        {
            uint address = random.Next(4) == 0
                ? (uint)random.NextInt64(0, 1L << 32)
                : anchors[random.Next(anchors.Length)] ^ (uint)(random.Next(1 << 12) << random.Next(0, 20));
            int length = random.Next(10) == 0 ? random.Next(0, 9) : random.Next(8, 33);
            uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            var prefix = new Ipv4Prefix(address & mask, length);
            var hop = new NextHop((ulong)random.NextInt64(0, 1L << 48) & ~0x0100_0000_0000UL, (ushort)random.Next(8));
            byPrefix.TryAdd(prefix, new Route(prefix, hop));
        }
        return [.. byPrefix.Values];
    }

    /// <summary>An address inside, just before or just after a random route, or anywhere.</summary>
    private static uint RandomAddressNear(Random random, List<Route> routes)
    {
        Ipv4Prefix prefix = routes[random.Next(routes.Count)].Prefix;
        uint hostBits = ~prefix.Mask;
        return random.Next(6) switch
        {
            0 => (uint)random.NextInt64(0, 1L << 32),
            1 => prefix.Network - 1,
            2 => prefix.Network + hostBits + 1,
            3 => prefix.Network,
            4 => prefix.Network | hostBits,
            _ => prefix.Network | ((uint)random.NextInt64(0, 1L << 32) & hostBits),
        };
    }
}
