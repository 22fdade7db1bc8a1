namespace L3Router.Tests;

public sealed class RoutesFileTests
{
    private const string Grammar = "PREFIX/LEN via MAC port N";

    private static string ErrorOf(string text)
    {
        var e = Assert.Throws<RoutesFileException>(() => RoutesFile.Parse(text, "routes.txt"));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Reads_a_good_file_with_comments_blank_lines_and_tabs()
    {
        const string text = """
            # l3router routes
            0.0.0.0/0 via 02:00:00:00:00:01 port 0

            10.2.0.0/16   via 02:00:00:00:00:02 port 1   # the lab
            	10.2.3.0/24	via	0a:bc:DE:f0:12:34	port	2
            10.2.3.4/32 via 02:00:00:00:00:02 port 1
            10.2.0.0/16 via 02:00:00:00:00:02 port 1
            """;
        IReadOnlyList<Route> routes = RoutesFile.Parse(text.Replace("\n", "\r\n"), "routes.txt");
        Assert.Equal(
            [
                "0.0.0.0/0 via 02:00:00:00:00:01 port 0",
                "10.2.0.0/16 via 02:00:00:00:00:02 port 1",
                "10.2.3.0/24 via 0a:bc:de:f0:12:34 port 2",
                "10.2.3.4/32 via 02:00:00:00:00:02 port 1",
            ],
            routes.Select(r => r.ToString()));
        Assert.Equal(new NextHop(0x0ABC_DEF0_1234, 2), routes[2].NextHop);

        RouteTable table = RouteTable.Build(routes);
        Assert.True(table.TryLookup(0x0A02_0305, out NextHop hop));
        Assert.Equal(2, hop.Port);
    }

    [Theory]
    [InlineData("10.0.0/8 via 02:00:00:00:00:01 port 1", "'10.0.0/8' is not an IPv4 prefix; write it as A.B.C.D/LEN")]
    [InlineData("10.0.0.0 via 02:00:00:00:00:01 port 1", "'10.0.0.0' is not an IPv4 prefix; write it as A.B.C.D/LEN")]
    [InlineData("10.0.0.0/33 via 02:00:00:00:00:01 port 1", "'10.0.0.0/33' has prefix length 33; use a length of 0 to 32")]
    [InlineData("10.0.0.0/x via 02:00:00:00:00:01 port 1", "'10.0.0.0/x' is not an IPv4 prefix; write it as A.B.C.D/LEN")]
    [InlineData("10.1.2.3/16 via 02:00:00:00:00:01 port 1", "10.1.2.3/16 has host bits set; write 10.1.0.0/16")]
    [InlineData("10.0.0.0/8", "'via' is missing after the prefix; write " + Grammar)]
    [InlineData("10.0.0.0/8 to 02:00:00:00:00:01 port 1", "expected 'via' after the prefix but found 'to'; write " + Grammar)]
    [InlineData("10.0.0.0/8 via", "the MAC address after 'via' is missing; write " + Grammar)]
    [InlineData("10.0.0.0/8 via 02:00:00:00:01 port 1", "'02:00:00:00:01' is not a MAC address; write six hex bytes separated by colons, e.g. 02:00:00:00:00:01")]
    [InlineData("10.0.0.0/8 via 02-00-00-00-00-01 port 1", "'02-00-00-00-00-01' is not a MAC address; write six hex bytes separated by colons, e.g. 02:00:00:00:00:01")]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:0g port 1", "'02:00:00:00:00:0g' is not a MAC address; write six hex bytes separated by colons, e.g. 02:00:00:00:00:01")]
    [InlineData("10.0.0.0/8 via ff:ff:ff:ff:ff:ff port 1", "'ff:ff:ff:ff:ff:ff' is a multicast or broadcast address; a next hop needs a unicast MAC (first byte even)")]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01", "'port' is missing after the MAC address; write " + Grammar)]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 1", "expected 'port' after the MAC address but found '1'; write " + Grammar)]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 port", "the port number after 'port' is missing; write " + Grammar)]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 port one", "'one' is not a port number; write a decimal port id 0 to 65535")]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 port 65536", "'65536' is not a port number; write a decimal port id 0 to 65535")]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 port -1", "'-1' is not a port number; write a decimal port id 0 to 65535")]
    [InlineData("10.0.0.0/8 via 02:00:00:00:00:01 port 1 metric 5", "unexpected 'metric' after the port number; a line is " + Grammar + ", and a comment starts with '#'")]
    public void Each_error_is_one_line_naming_file_line_cause_and_fix(string badLine, string problem)
    {
        string text = "# routes\n0.0.0.0/0 via 02:00:00:00:00:09 port 0\n" + badLine + "\n";
        Assert.Equal("routes.txt:3: " + problem, ErrorOf(text));
    }

    [Fact]
    public void Exception_carries_file_and_line()
    {
        var e = Assert.Throws<RoutesFileException>(() => RoutesFile.Parse("\n\nbad", "r.txt"));
        Assert.Equal("r.txt", e.FileName);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Same_prefix_with_another_next_hop_names_both_lines()
    {
        const string text = "10.0.0.0/8 via 02:00:00:00:00:01 port 1\n10.0.0.0/9 via 02:00:00:00:00:03 port 2\n\n10.0.0.0/8 via 02:00:00:00:00:01 port 2\n";
        Assert.Equal(
            "routes.txt:4: 10.0.0.0/8 is already routed on line 1 via 02:00:00:00:00:01 port 1, here via 02:00:00:00:00:01 port 2; remove one of lines 1 and 4",
            ErrorOf(text));
    }

    [Fact]
    public void Overlapping_prefixes_with_different_next_hops_are_fine()
    {
        IReadOnlyList<Route> routes = RoutesFile.Parse(
            "10.0.0.0/8 via 02:00:00:00:00:01 port 1\n10.0.0.0/9 via 02:00:00:00:00:03 port 2\n10.0.0.0/32 via 02:00:00:00:00:04 port 3", "routes.txt");
        Assert.Equal(3, routes.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# nothing yet\n  # still nothing\n")]
    public void A_file_without_routes_is_an_error(string text)
    {
        Assert.Equal("routes.txt: no routes; add at least one route as " + Grammar, ErrorOf(text));
    }

    [Fact]
    public void Load_reads_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"l3router-routes-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "10.0.0.0/8 via 02:00:00:00:00:01 port 1\n");
            Route route = Assert.Single(RoutesFile.Load(path));
            Assert.Equal("10.0.0.0/8 via 02:00:00:00:00:01 port 1", route.ToString());

            File.WriteAllText(path, "10.0.0.0/8 via 02:00:00:00:00:01\n");
            var e = Assert.Throws<RoutesFileException>(() => RoutesFile.Load(path));
            Assert.StartsWith(path + ":1: 'port' is missing", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_says_so_in_one_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"l3router-missing-{Guid.NewGuid():N}", "routes.txt");
        var e = Assert.Throws<RoutesFileException>(() => RoutesFile.Load(path));
        Assert.Equal(path + ": no such file; check the path, or create the file with one route per line as " + Grammar, e.Message);
        Assert.Equal(0, e.Line);
        Assert.Throws<RoutesFileException>(() => RoutesFile.Load(Path.Combine(Path.GetTempPath(), $"l3router-missing-{Guid.NewGuid():N}.txt")));
    }

    [Fact]
    public void Load_of_a_directory_says_it_cannot_read_it()
    {
        var e = Assert.Throws<RoutesFileException>(() => RoutesFile.Load(Path.GetTempPath()));
        Assert.Contains(": cannot read it (", e.Message);
        Assert.EndsWith("); check the path and its permissions", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
