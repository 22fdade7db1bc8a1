using FastPath.Mempool.Buffers;
using FastPath.Net;
using FastPath.Ports;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>A receive queue that counts frames whose destination or source MAC differs from the expected ones.</summary>
public sealed class MacCheckingRxQueue(IRxQueue inner, MacAddress destination, MacAddress source) : IRxQueue
{
    private long _wrongDestination;
    private long _wrongSource;

    public int Index => inner.Index;

    public long WrongDestination => Interlocked.Read(ref _wrongDestination);

    public long WrongSource => Interlocked.Read(ref _wrongSource);

    public int RxBurst(Span<Packet> packets)
    {
        int n = inner.RxBurst(packets);
        for (int i = 0; i < n; i++)
        {
            Span<byte> frame = packets[i].Data;
            if (new MacAddress(frame[..6]) != destination)
            {
                Interlocked.Increment(ref _wrongDestination);
            }

            if (new MacAddress(frame.Slice(6, 6)) != source)
            {
                Interlocked.Increment(ref _wrongSource);
            }
        }

        return n;
    }
}
