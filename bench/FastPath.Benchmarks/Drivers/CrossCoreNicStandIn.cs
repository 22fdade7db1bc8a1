using FastPath.Drivers.Intel.Descriptors;
using FastPath.Linux.Threading;

namespace FastPath.Benchmarks.Drivers;

/// <summary>
/// A NIC stand-in on a thread of its own, pinned to another core, that behaves towards the descriptor rings as the
/// device does: it spins on the RX and TX tail registers (plain memory behind the BAR), writes back every RX descriptor
/// the driver has armed (from its head up to the tail) and sets DD on every TX descriptor the driver has handed over.
/// The descriptors' cache lines therefore move between the two cores on every burst, as they do when a NIC's DMA
/// writes them, instead of staying in the forwarding core's cache as with a stand-in on the same thread.
/// </summary>
internal sealed unsafe class CrossCoreNicStandIn : IDisposable
{
    private readonly AdvancedRxDescriptor* _rxRing;
    private readonly AdvancedTxDescriptor* _txRing;
    private readonly uint* _rxTail;
    private readonly uint* _txTail;
    private readonly int _mask;
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _failure;

    /// <summary>Starts the stand-in pinned to <paramref name="core"/>.</summary>
    public CrossCoreNicStandIn(AdvancedRxDescriptor* rxRing, uint* rxTail, AdvancedTxDescriptor* txRing, uint* txTail, int ringSize, int core)
    {
        _rxRing = rxRing;
        _txRing = txRing;
        _rxTail = rxTail;
        _txTail = txTail;
        _mask = ringSize - 1;
        Core = core;
        _thread = new Thread(Run) { Name = $"nic stand-in (core {core})", IsBackground = true };
        _thread.Start();
    }

    /// <summary>The core the stand-in spins on.</summary>
    public int Core { get; }

    /// <summary>
    /// The core for the stand-in: the lowest online core other than <paramref name="forwardingCore"/> (the calling
    /// thread's own core, which the benchmark pins itself to).
    /// </summary>
    /// <exception cref="InvalidOperationException">The machine has one core only.</exception>
    public static int OtherCore(int forwardingCore)
    {
        for (int core = 0; core < Environment.ProcessorCount + 64; core++)
        {
            if (core != forwardingCore && Directory.Exists($"/sys/devices/system/cpu/cpu{core}") && IsOnline(core))
            {
                return core;
            }
        }

        throw new InvalidOperationException("The cross-core stand-in needs a second online core; run the benchmark on a machine with at least 2 cores.");
    }

    /// <summary>Stops the thread and rethrows what it failed with, if anything.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException($"The NIC stand-in on core {Core} failed: {_failure.Message}", _failure);
        }
    }

    private static bool IsOnline(int core)
    {
        string path = $"/sys/devices/system/cpu/cpu{core}/online";
        return !File.Exists(path) || File.ReadAllText(path).Trim() == "1";
    }

    private void Run()
    {
        try
        {
            ThreadAffinity.PinCurrentThread(Core);
            int rxHead = 0;
            int txHead = 0;
            while (!_stop)
            {
                // The device owns [head, tail) of each ring (82599 datasheet 7.1.9 and 7.2.3.3).
                int rxTail = (int)Volatile.Read(ref *_rxTail);
                while (rxHead != rxTail)
                {
                    AdvancedRxDescriptor* d = _rxRing + rxHead;
                    *(ulong*)d = 0x1234_5678_0000_0012UL;
                    // The status word last, as the device writes it: DD tells the driver the rest is there.
                    Volatile.Write(ref *((ulong*)d + 1), (60UL << 32) | AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | AdvancedRxStatus.IpChecksumChecked);
                    rxHead = (rxHead + 1) & _mask;
                }

                int txTail = (int)Volatile.Read(ref *_txTail);
                while (txHead != txTail)
                {
                    AdvancedTxDescriptor* d = _txRing + txHead;
                    Volatile.Write(ref d->OffloadStatus, d->OffloadStatus | AdvancedTxBits.DescriptorDone);
                    txHead = (txHead + 1) & _mask;
                }
            }
        }
        catch (Exception exception)
        {
            _failure = exception;
        }
    }
}
