using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FastPath.Apps.Tests;

/// <summary>
/// 9000-MTU frames cross l2fwd over AF_PACKET as chains of 2 KiB buffers: two namespaces with veths of MTU 9000 ping
/// each other with 8000-byte payloads and the don't-fragment bit (<c>ping -s 8000 -M do</c>), through l2fwd between
/// the root-namespace peers. With <c>--mtu 9000</c> every echo comes back; without it l2fwd's ports take only what one
/// buffer holds and the same pings are lost, which shows the test can fail. Needs root, iproute2, ethtool and ping.
/// </summary>
public sealed class JumboPingVethTests : IDisposable
{
    private const string NamespaceA = "vpca";
    private const string NamespaceB = "vpcb";
    private const string InsideA = "vpca0";
    private const string InsideB = "vpcb0";
    private const string HostA = "vpcah";
    private const string HostB = "vpcbh";
    private const string AddressA = "10.77.0.1";
    private const string AddressB = "10.77.0.2";
    private const int Pings = 5;
    private readonly ITestOutputHelper _output;

    public JumboPingVethTests(ITestOutputHelper output)
    {
        _output = output;
        foreach (string tool in new[] { "ip", "ethtool", "ping" })
        {
            if (!Shell.Exists(tool))
            {
                throw new InvalidOperationException($"The jumbo ping veth test needs '{tool}': apt-get install {tool switch { "ip" => "iproute2", "ping" => "iputils-ping", _ => tool }}");
            }
        }

        Cleanup();
        foreach ((string ns, string inside, string host, string address) in new[] { (NamespaceA, InsideA, HostA, AddressA), (NamespaceB, InsideB, HostB, AddressB) })
        {
            Shell.Run("ip", "netns", "add", ns);
            Shell.Run("ip", "link", "add", inside, "mtu", "9000", "type", "veth", "peer", "name", host, "mtu", "9000");
            Shell.Run("ip", "link", "set", inside, "netns", ns);
            Shell.Run("ip", "netns", "exec", ns, "sysctl", "-qw", $"net.ipv6.conf.{inside}.disable_ipv6=1");
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{host}.disable_ipv6=1");
            Shell.Run("ip", "netns", "exec", ns, "ethtool", "-K", inside, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ethtool", "-K", host, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Shell.Run("ip", "netns", "exec", ns, "ip", "addr", "add", $"{address}/24", "dev", inside);
            Shell.Run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            Shell.Run("ip", "link", "set", host, "up");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pings_of_8000_bytes_that_must_not_fragment_cross_l2fwd_only_with_mtu_9000(bool jumbo)
    {
        string[] mtu = jumbo ? ["--mtu", "9000"] : [];
        using AppProcess l2fwd = AppProcess.Start("l2fwd", ["--port", $"af_packet:{HostA}", "--port", $"af_packet:{HostB}", "--no-mac-updating", "--no-pin", "--stats-interval", "0", .. mtu]);
        l2fwd.WaitForStart("Forwarding between");
        AppProcess.Settle();

        (int pingExit, string pingOut) = Shell.TryRun("ip", "netns", "exec", NamespaceA, "ping", "-c", Pings.ToString(), "-i", "0.2", "-W", "2", "-s", "8000", "-M", "do", AddressB);

        l2fwd.Terminate();
        (int fwdExit, string fwdOut, string fwdErr) = l2fwd.WaitForExit(TimeSpan.FromSeconds(30));
        _output.WriteLine(pingOut);
        _output.WriteLine(fwdOut);
        Assert.True(fwdExit == 0, fwdOut + fwdErr);
        Assert.Matches(@"all \d+ buffers returned", fwdOut);
        if (jumbo)
        {
            Assert.True(pingExit == 0, pingOut);
            Assert.Contains($"{Pings} packets transmitted, {Pings} received, 0% packet loss", pingOut);
            Assert.Matches(new Regex($@"8008 bytes from {Regex.Escape(AddressB)}"), pingOut);
        }
        else
        {
            Assert.True(pingExit != 0, pingOut);
            Assert.Contains(" 0 received", pingOut);
        }
    }

    public void Dispose() => Cleanup();

    private static void Cleanup()
    {
        Shell.TryRun("ip", "netns", "del", NamespaceA);
        Shell.TryRun("ip", "netns", "del", NamespaceB);
        Shell.TryRun("ip", "link", "del", HostA);
        Shell.TryRun("ip", "link", "del", HostB);
    }
}
