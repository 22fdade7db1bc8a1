namespace FastPath.Apps.Tests;

/// <summary>
/// pktgen to pktgen --rx over a veth pair with MTU 9000 through AF_PACKET: 802.1Q-tagged frames arrive with their
/// tags (every id of the range, counted by the receiver from the frames) and jumbo frames arrive whole, with no loss.
/// Needs root and iproute2.
/// </summary>
public sealed class VlanJumboVethTests : IDisposable
{
    private const string Sender = "scrvj0";
    private const string Receiver = "scrvj1";

    public VlanJumboVethTests()
    {
        if (!Shell.Exists("ip"))
        {
            throw new InvalidOperationException("The VLAN/jumbo veth test needs 'ip': apt-get install iproute2");
        }

        Cleanup();
        Shell.Run("ip", "link", "add", Sender, "mtu", "9000", "type", "veth", "peer", "name", Receiver, "mtu", "9000");
        foreach (string name in new[] { Sender, Receiver })
        {
            Shell.Run("sysctl", "-qw", $"net.ipv6.conf.{name}.disable_ipv6=1");
            Shell.Run("ip", "link", "set", name, "up");
        }
    }

    /// <summary>
    /// With <c>--mtu 9000</c> both ends use standard 2 KiB buffers: the sender's jumbo frames are chains, linearized
    /// into the kernel's slot, and the receiver gets them back as chains (scatter).
    /// </summary>
    [Theory]
    [InlineData("128", "100-107", false)]
    [InlineData("9018", null, false)]
    [InlineData("9018", "4094", false)]
    [InlineData("9018", "100-163", true)]
    public void Frames_arrive_with_their_tags_and_whole_with_no_loss(string size, string? vlan, bool chains)
    {
        const int Count = 4000;
        string[] mtu = chains ? ["--mtu", "9000"] : [];
        using AppProcess receiver = AppProcess.Start("pktgen", ["--port", $"af_packet:{Receiver}", "--rx", "--size", size, "--no-pin", "--stats-interval", "0", .. mtu]);
        receiver.WaitForStart("pktgen --rx:");
        AppProcess.Settle();
        string[] tag = vlan is null ? [] : ["--vlan", vlan, "--vlan-priority", "2"];
        (int sent, string sentOut, string sentErr) = AppProcess.Run("pktgen", ["--port", $"af_packet:{Sender}", "--size", size, "--count", Count.ToString(), "--rate", "10kpps", "--no-pin", "--stats-interval", "0", .. tag, .. mtu]);
        Assert.True(sent == 0, $"the sender exited with {sent}:\n{sentOut}\n{sentErr}");
        Thread.Sleep(500);
        receiver.Terminate();
        (int exitCode, string stdout, string stderr) = receiver.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        Assert.Matches($@"probes {Count} in 1 stream\(s\), foreign \d+; expected {Count} .*lost 0, reordered 0, duplicates 0", stdout);
        if (vlan is null)
        {
            Assert.DoesNotContain("tagged probes", stdout);
        }
        else
        {
            int[] ids = [.. vlan.Split('-').Select(int.Parse)];
            int first = ids[0], last = ids[^1];
            Assert.Contains($"vlan: {Count} tagged probes on {last - first + 1} VLAN id(s), {first} to {last}", stdout);
        }

        // Every frame arrived whole: the bytes are the count times the frame as sent (size − FCS + tag), and with
        // IPv6 off nothing else crossed the pair.
        int length = int.Parse(size) - 4 + (vlan is null ? 0 : 4);
        Assert.Contains($"probes {Count} in 1 stream(s), foreign 0;", stdout);
        Assert.Contains($"received: {Count} frames, {(long)Count * length} bytes", stdout);
    }

    public void Dispose() => Cleanup();

    private static void Cleanup() => Shell.TryRun("ip", "link", "del", Sender);
}
