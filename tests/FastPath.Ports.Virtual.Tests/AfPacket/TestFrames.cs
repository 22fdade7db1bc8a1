using System.Buffers.Binary;

namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>Ethernet/IPv4/UDP frames that carry a marker and a sequence number, so tests can pick theirs out.</summary>
internal static class TestFrames
{
    private const uint Marker = 0xFA57_7A7E;

    /// <summary>A frame of flow <paramref name="flow"/> (its UDP source port) numbered <paramref name="sequence"/>.</summary>
    public static byte[] Udp(int sequence, int flow, int length)
    {
        var frame = new byte[length];
        SyntheticFrame.Write(frame, new FastPath.Net.MacAddress(0x02_AA_00_00_00_01UL));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34), (ushort)(10_000 + flow));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(42), Marker);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(46), sequence);
        for (int i = 50; i < length; i++)
        {
            frame[i] = (byte)(sequence + i);
        }

        return frame;
    }

    /// <summary>Whether <paramref name="frame"/> is one of ours.</summary>
    public static bool IsTestFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 50 && BinaryPrimitives.ReadUInt32BigEndian(frame[42..]) == Marker;

    public static int Sequence(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt32BigEndian(frame[46..]);

    public static int Flow(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[34..]) - 10_000;
}
