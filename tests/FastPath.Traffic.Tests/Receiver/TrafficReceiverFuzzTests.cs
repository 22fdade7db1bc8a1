using CsCheck;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using FastPath.Traffic.Frames;
using FastPath.Traffic.Receiver;

namespace FastPath.Traffic.Tests.Receiver;

/// <summary>
/// Fuzzes the receiver's probe parser with random frames, mostly IPv4/UDP with a probe somewhere near the UDP payload:
/// every frame is counted once as a probe or as foreign, the verdict matches an independent reading of the frame,
/// nothing past the frame's length changes it (no read beyond the frame), and every buffer goes back to the pool.
/// </summary>
public sealed class TrafficReceiverFuzzTests
{
    private static readonly Gen<byte[]> Frame = Gen.Select(Gen.Int[0, 120], Gen.Byte.Array[120], Gen.Int[0, 15], Gen.Bool, Gen.Bool, Gen.Int[-4, 4])
        .Select(static (length, bytes, ihl, ipv4, udp, shift) =>
        {
            bytes[12] = ipv4 ? (byte)0x08 : bytes[12];
            bytes[13] = ipv4 ? (byte)0x00 : bytes[13];
            bytes[14] = (byte)(0x40 | ihl);
            bytes[23] = udp ? (byte)17 : bytes[23];
            int payload = 14 + ihl * 4 + 8 + shift;
            if (payload >= 0 && payload + 2 <= bytes.Length)
            {
                bytes[payload] = (byte)(ProbeHeader.Magic & 0xFF);
                bytes[payload + 1] = (byte)(ProbeHeader.Magic >> 8);
            }

            return bytes[..length];
        });

    /// <summary>Whether <paramref name="frame"/> carries a probe, read independently of the receiver.</summary>
    private static bool IsProbe(byte[] frame)
    {
        if (frame.Length < 14 + 20 + 8 + ProbeHeader.Length || frame[12] != 0x08 || frame[13] != 0x00 || frame[23] != 17)
        {
            return false;
        }

        int payload = 14 + (frame[14] & 0xF) * 4 + 8;
        return payload + ProbeHeader.Length <= frame.Length && frame[payload] == (ProbeHeader.Magic & 0xFF) && frame[payload + 1] == ProbeHeader.Magic >> 8;
    }

    [Fact]
    public void EveryFrameIsAProbeOrForeignAndNoBufferIsLost() =>
        FuzzBudget.Run(Frame.Array[1, 40], static frames =>
        {
            using PacketPool pool = TestPools.Create(256);
            ulong[] verdicts = new ulong[2];
            foreach (byte garbage in (byte[])[0x00, 0xFF])
            {
                var queue = new FrameQueue(pool, frames, garbage);
                var receiver = new TrafficReceiver(queue, 16);
                while (receiver.Poll() > 0)
                {
                }

                Assert.Equal((ulong)frames.Length, receiver.Packets);
                Assert.Equal(receiver.Packets, receiver.Probes + receiver.Foreign);
                Assert.Equal((ulong)frames.Count(IsProbe), receiver.Probes);
                Assert.Equal((ulong)frames.Sum(f => f.Length), receiver.Bytes);
                Assert.Equal(pool.Capacity, pool.Available);
                verdicts[garbage & 1] = receiver.Probes;
            }

            Assert.Equal(verdicts[0], verdicts[1]);
        }, static frames => string.Join(" ", frames.Select(Convert.ToHexString)));

    /// <summary>Hands out the frames in pool buffers, the bytes past each frame filled with <c>garbage</c>.</summary>
    private sealed class FrameQueue(PacketPool pool, byte[][] frames, byte garbage) : IRxQueue
    {
        private int _next;

        public int Index => 0;

        public int RxBurst(Span<Packet> packets)
        {
            int n = Math.Min(packets.Length, frames.Length - _next);
            Assert.Equal(n, pool.Alloc(packets[..n]));
            for (int i = 0; i < n; i++)
            {
                byte[] frame = frames[_next++];
                packets[i].Length = pool.DataRoom;
                packets[i].Data.Fill(garbage);
                packets[i].Length = frame.Length;
                frame.CopyTo(packets[i].Data);
            }

            return n;
        }
    }
}
