using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Drivers.Ixgbe.Tests;

/// <summary>Passes a receive queue through, counting frames whose MAC addresses are not the expected ones.</summary>
internal sealed class MacCheckingRxQueue(IRxQueue inner, MacAddress destination, MacAddress source) : IRxQueue
{
    public int Index => inner.Index;

    public ulong Checked { get; private set; }

    public ulong Mismatched { get; private set; }

    public int RxBurst(Span<Packet> packets)
    {
        int n = inner.RxBurst(packets);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> data = packets[i].Data;
            Checked++;
            if (new MacAddress(data) != destination || new MacAddress(data[6..]) != source)
            {
                Mismatched++;
            }
        }

        return n;
    }
}
