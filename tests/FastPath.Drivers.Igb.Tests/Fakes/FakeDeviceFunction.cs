using FastPath.Drivers.Intel.Devices;
using FastPath.Linux.Events;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Igb.Tests.Fakes;

/// <summary>A device function for host tests: identity DMA mapping (IOVA = virtual address), bus mastering as a flag, no vectors.</summary>
public sealed class FakeDeviceFunction : IDeviceFunction
{
    public string Name => "fake-82576";

    public IDmaMapper DmaMapper => IdentityDmaMapper.Instance;

    public int InterruptVectorCount => 0;

    public bool BusMastering { get; private set; }

    public bool Disposed { get; private set; }

    public void AdmitPool(PacketPool pool)
    {
    }

    public void EnableBusMastering() => BusMastering = true;

    public void DisableBusMastering() => BusMastering = false;

    public void BindInterrupts(ReadOnlySpan<EventFd?> signals)
    {
    }

    public void UnbindInterrupts()
    {
    }

    public void Dispose() => Disposed = true;
}
