using FastPath.Linux.Events;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;

namespace FastPath.Drivers.Intel.Devices;

/// <summary>
/// What an 82599 or 82576 driver needs from the bus besides register access: the DMA mapper that makes memory reachable by the
/// device, bus mastering, and MSI-X vectors bound to eventfds. Implemented over VFIO for real devices and by the
/// behavioural model for simulated ones.
/// </summary>
public interface IDeviceFunction : IDisposable
{
    /// <summary>The function's name, e.g. its PCI address.</summary>
    string Name { get; }

    /// <summary>The mapper whose IOVAs the device uses; mempools for the port must be created with it.</summary>
    IDmaMapper DmaMapper { get; }

    /// <summary>
    /// Makes sure the device reaches <paramref name="pool"/>'s buffers: a pool made with <see cref="DmaMapper"/> is
    /// reachable already; a function that can mirror other pools' memory (IOVA as VA) does so.
    /// </summary>
    /// <exception cref="ArgumentException">The pool's IOVAs mean nothing to the device; the message names the fix.</exception>
    void AdmitPool(PacketPool pool);

    /// <summary>Number of MSI-X vectors the function offers.</summary>
    int InterruptVectorCount { get; }

    /// <summary>Lets the device master the bus (DMA).</summary>
    void EnableBusMastering();

    /// <summary>Stops the device from mastering the bus; no DMA happens afterwards.</summary>
    void DisableBusMastering();

    /// <summary>Makes MSI-X vector i signal <c>signals[i]</c>; a null entry leaves the vector unbound.</summary>
    void BindInterrupts(ReadOnlySpan<EventFd?> signals);

    /// <summary>Detaches every vector from its eventfd.</summary>
    void UnbindInterrupts();
}
