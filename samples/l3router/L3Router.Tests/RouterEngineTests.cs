using System.Buffers.Binary;
using FastPath.Engine;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Ports.Virtual.Ring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace L3Router.Tests;

/// <summary>
/// The router in process, through the real engine and Generic Host (AddFastPath, AddVirtualPorts, AddPipeline):
/// three ring links, the router holding one end of each and the test the other. A generated flow mix goes in on
/// link 0; every routable frame must come out of the link its route names, rewritten exactly as expected, and the
/// counters and the pool audit must agree.
/// </summary>
public sealed class RouterEngineTests
{
    private const ulong HopA = 0x0200_0000_0A01, HopB = 0x0200_0000_0B02, HopC = 0x0200_0000_0C03, HopD = 0x0200_0000_0D04;

    private static readonly string RoutesText =
        """
        # overlapping prefixes with different next hops: the longest wins
        10.1.0.0/16    via 02:00:00:00:0a:01 port 1
        10.1.2.0/24    via 02:00:00:00:0b:02 port 2
        10.2.0.0/16    via 02:00:00:00:0c:03 port 0
        10.3.3.128/25  via 02:00:00:00:0d:04 port 2
        """;

    private enum Kind { Routable, Unroutable, Ttl1, Malformed, NotIpv4 }

    [Theory]
    [InlineData(1, 3000)]
    [InlineData(2, 3000)]
    public async Task Every_routable_frame_reaches_its_port_rewritten_and_the_counters_match(int queues, int frames)
    {
        string name = $"l3t{queues}-{Environment.ProcessId}";
        string routesPath = Path.Combine(Path.GetTempPath(), $"{name}.routes");
        File.WriteAllText(routesPath, RoutesText);
        try
        {
            string[] args = ["--routes", routesPath, "--port", $"ring:{name}-0", "--port", $"ring:{name}-1", "--port", $"ring:{name}-2",
                "--queues", queues.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lcores", queues == 1 ? "40" : "40,41",
                "--no-pin", "--hugepages", "Never", "--pool-size", "8192"];
            RouterConfiguration configuration = RouterHost.Configure(args);
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            builder.Services.AddL3Router(configuration);
            using IHost host = builder.Build();
            FastPathEngine engine = host.Services.GetRequiredService<FastPathEngine>();
            var pipeline = (RouterPipeline)host.Services.GetRequiredService<ILcorePipeline>();

            await host.StartAsync();
            var ends = new RingPort[3];
            for (int p = 0; p < 3; p++)
            {
                ends[p] = RingPort.Open($"ring:{name}-{p}", new RingPortOptions { QueueCount = queues }, (ushort)(100 + p));
                ends[p].Start();
            }

            ulong[] routerMacs = [.. engine.Ports.Select(port => port.MacAddress.Value)];
            (List<byte[]> sent, Dictionary<ushort, (int Port, byte[] Frame)> expected, int[] kinds) = Generate(frames, routerMacs);
            var received = new Dictionary<ushort, (int Port, byte[] Frame)>();
            try
            {
                Exchange(engine.Pool, ends, sent, received, expected.Count, queues);
            }
            finally
            {
                foreach (RingPort end in ends)
                    end.Dispose();
            }

            await host.StopAsync();
            Assert.True(engine.LastAudit?.AllReturned, string.Join("; ", engine.LastAudit?.Lines ?? []));

            // Every routable frame arrived once, on its route's port, exactly as the reference rewrite says.
            Assert.Equal(expected.Count, received.Count);
            foreach ((ushort id, (int port, byte[] frame)) in expected)
            {
                Assert.True(received.TryGetValue(id, out var got), $"frame {id} never arrived");
                Assert.Equal(port, got.Port);
                Assert.Equal(frame, got.Frame);
                Assert.Equal(TestFrames.ReferenceChecksum(got.Frame.AsSpan(14, 20)), BinaryPrimitives.ReadUInt16BigEndian(got.Frame.AsSpan(24)));
            }

            RouterCounters total = pipeline.Total();
            Assert.Equal(new long[] { frames, 0, 0 }, total.ReceivedPerPort.ToArray());
            Assert.Equal(new[] { 0, 1, 2 }.Select(p => (long)expected.Values.Count(e => e.Port == p)).ToArray(), total.ForwardedPerPort.ToArray());
            Assert.Equal(kinds[(int)Kind.Unroutable], total.Unroutable);
            Assert.Equal(kinds[(int)Kind.Ttl1], total.TtlExpired);
            Assert.Equal(kinds[(int)Kind.Malformed], total.Malformed);
            Assert.Equal(kinds[(int)Kind.NotIpv4], total.NotIpv4);
            Assert.Equal(0, total.TxFull);
            Assert.Equal(frames, total.Forwarded + total.Dropped);
            Assert.All(kinds, count => Assert.True(count > 0));
            Assert.True(expected.Values.Select(e => e.Port).Distinct().Count() == 3, "the mix should reach every port");
        }
        finally
        {
            File.Delete(routesPath);
        }
    }

    /// <summary>
    /// Sends the frames in bursts on link 0 (alternating queues), and between bursts takes whatever came out of the
    /// three links, so no ring fills up; ends when every expected frame arrived, or after a timeout.
    /// </summary>
    private static void Exchange(PacketPool pool, RingPort[] ends, List<byte[]> sent, Dictionary<ushort, (int, byte[])> received, int expected, int queues)
    {
        var burst = new Packet[32];
        int next = 0, queue = 0;
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((next < sent.Count || received.Count < expected) && DateTime.UtcNow < deadline)
        {
            if (next < sent.Count)
            {
                int n = Math.Min(burst.Length, sent.Count - next);
                Assert.Equal(n, pool.Alloc(burst.AsSpan(0, n)));
                for (int i = 0; i < n; i++)
                {
                    burst[i].Length = sent[next + i].Length;
                    sent[next + i].CopyTo(burst[i].Data);
                }

                int accepted = ends[0].GetTxQueue(queue).TxBurst(burst.AsSpan(0, n));
                pool.Free(burst.AsSpan(accepted, n - accepted));
                next += accepted;
                queue = (queue + 1) % queues;
            }

            for (int p = 0; p < ends.Length; p++)
            {
                for (int q = 0; q < queues; q++)
                {
                    int got = ends[p].GetRxQueue(q).RxBurst(burst);
                    for (int i = 0; i < got; i++)
                    {
                        byte[] frame = burst[i].Data.ToArray();
                        ushort id = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 4));
                        Assert.True(received.TryAdd(id, (p, frame)), $"frame {id} arrived twice");
                    }

                    PacketPool.FreeToOwners(burst.AsSpan(0, got));
                }
            }
        }

        Assert.True(next == sent.Count, $"only {next} of {sent.Count} frames went in");
        // Let a late or stray frame show up before the totals are compared.
        Thread.Sleep(100);
        for (int p = 0; p < ends.Length; p++)
        {
            for (int q = 0; q < queues; q++)
            {
                int got = ends[p].GetRxQueue(q).RxBurst(burst);
                Assert.True(got == 0, $"{got} unexpected frame(s) on port {p}");
            }
        }
    }

    /// <summary>
    /// A deterministic flow mix: most frames routable to one of several subnets, the rest unroutable, TTL 1,
    /// malformed (bad checksum, short, wrong version) or not IPv4 (ARP, IPv6). The IPv4 identification field carries
    /// a frame number; the expected output of each routable frame is computed the slow way.
    /// </summary>
    private static (List<byte[]> Sent, Dictionary<ushort, (int Port, byte[] Frame)> Expected, int[] Kinds) Generate(int count, ulong[] routerMacs)
    {
        (uint Network, uint HostMask, int Port, ulong Hop)[] subnets =
        [
            (0x0A01_0000, 0xFFFF, 1, HopA),    // 10.1/16 outside 10.1.2/24 (the rare collision is fixed up below)
            (0x0A01_0200, 0xFF, 2, HopB),      // 10.1.2/24
            (0x0A02_0000, 0xFFFF, 0, HopC),    // 10.2/16, back out of the receiving port
            (0x0A03_0380, 0x7F, 2, HopD),      // 10.3.3.128/25
        ];
        var random = new Random(20261201);
        var sent = new List<byte[]>(count);
        var expected = new Dictionary<ushort, (int, byte[])>();
        int[] kinds = new int[5];
        for (int i = 0; i < count; i++)
        {
            ushort id = (ushort)i;
            int roll = random.Next(100);
            Kind kind = roll < 70 ? Kind.Routable : roll < 80 ? Kind.Unroutable : roll < 87 ? Kind.Ttl1 : roll < 94 ? Kind.Malformed : Kind.NotIpv4;
            kinds[(int)kind]++;
            byte[] frame;
            switch (kind)
            {
                case Kind.Routable:
                    var subnet = subnets[random.Next(subnets.Length)];
                    uint destination = subnet.Network | ((uint)random.Next() & subnet.HostMask);
                    if (subnet.Port == 1 && (destination & 0xFFFF_FF00) == 0x0A01_0200)
                        destination = 0x0A01_0300 | (destination & 0xFF);
                    frame = TestFrames.Ipv4(destination, ttl: (byte)random.Next(2, 256), payload: random.Next(26, 1000), identification: id);
                    byte[] output = (byte[])frame.Clone();
                    output[14 + 8]--;
                    TestFrames.SetChecksum(output);
                    TestFrames.WriteMac(output, subnet.Hop);
                    TestFrames.WriteMac(output.AsSpan(6), routerMacs[subnet.Port]);
                    expected.Add(id, (subnet.Port, output));
                    break;
                case Kind.Unroutable:
                    frame = TestFrames.Ipv4(random.Next(2) == 0 ? 0xC000_0201u : 0x0A03_0301u, identification: id); // 192.0.2.1; 10.3.3.1 is outside the /25
                    break;
                case Kind.Ttl1:
                    frame = TestFrames.Ipv4(0x0A01_0505, ttl: 1, identification: id);
                    break;
                case Kind.Malformed:
                    frame = TestFrames.Ipv4(0x0A01_0505, identification: id);
                    switch (random.Next(3))
                    {
                        case 0: frame[14 + 10] ^= 0x5A; break;              // bad checksum
                        case 1: Array.Resize(ref frame, 14 + 12); break;    // truncated header
                        default: frame[14] = 0x65; TestFrames.SetChecksum(frame); break; // IP version 6 in an IPv4 EtherType
                    }

                    break;
                default:
                    frame = TestFrames.Ipv4(0x0A01_0505, identification: id);
                    BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), random.Next(2) == 0 ? (ushort)0x0806 : (ushort)0x86DD);
                    break;
            }

            sent.Add(frame);
        }

        return (sent, expected, kinds);
    }
}
