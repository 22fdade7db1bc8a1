using FastPath.Drivers.Intel.Registers;
using FastPath;
using FastPath.Lcores;
using FastPath.Ports.Registry;
using FastPath.Ports;
using FastPath.Vfio;
using FastPath.Vfio.Pci;
using Microsoft.Extensions.Logging;

namespace FastPath.Drivers.Intel.Devices;

/// <summary>
/// How the igb and ixgbe drivers open a claimed device behind the <c>pci:</c> kind
/// (<c>pci:ADDRESS[:queues=N][:rxd=N][:txd=N][:no-promisc]</c>): the device must be bound to vfio-pci; it is opened in
/// a container of its own at IOVA = virtual address (<see cref="VfioDeviceFunction.OpenIovaAsVa"/>), so that the
/// application's pool is admitted as it is; the port is promiscuous unless no-promisc, with RSS over queues &gt; 1.
/// Every failure the user can fix becomes a <see cref="UsageException"/> naming the spec, and so does the refusal to
/// drive hardware on any architecture but x86-64 (<see cref="DmaOrdering"/>).
/// </summary>
public static class VfioPortOpener
{
    /// <summary>The spec options both drivers take after the address.</summary>
    public static IReadOnlySet<string> Options { get; } = new HashSet<string> { "queues", "rxd", "txd" };

    /// <summary>The bare-word flags both drivers take after the address.</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string> { "no-promisc" };

    /// <summary>Opens <paramref name="device"/> as a port of the driver <paramref name="driverName"/>.</summary>
    /// <typeparam name="TOptions">The driver's options.</typeparam>
    /// <param name="device">The claimed device, as sysfs describes it.</param>
    /// <param name="spec">The port spec.</param>
    /// <param name="context">Port id, default queue count, the application's pool and logging.</param>
    /// <param name="driverName">The driver's name, also its log category.</param>
    /// <param name="maxQueues">The most queues the driver takes.</param>
    /// <param name="minRingSize">The smallest ring the device takes (rxd, txd).</param>
    /// <param name="createPort">Creates the port over the function (which it owns from then on).</param>
    public static IPort Open<TOptions>(
        PciDeviceIdentity device,
        PortSpec spec,
        PortOpenContext context,
        string driverName,
        int maxQueues,
        int minRingSize,
        Func<string, VfioDeviceFunction, TOptions, ILogger, IPort> createPort)
        where TOptions : IntelPortOptions, new()
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(createPort);
        if (!device.IsBoundToVfio)
        {
            throw new UsageException($"Port spec '{spec.Text}': {device.Address} ({device.Ids}) is bound to {device.Driver ?? "no driver"}, not vfio-pci; bind it with `fastpath-devbind bind {device.Address}`.");
        }

        int queues = spec.GetInt("queues", context.QueueCount, 1, maxQueues);
        var options = new TOptions
        {
            PortId = (ushort)context.PortId,
            RxQueues = queues,
            TxQueues = queues,
            Rx = new() { RingSize = spec.GetInt("rxd", 512, minRingSize, 4096) },
            Tx = new() { RingSize = spec.GetInt("txd", 512, minRingSize, 4096) },
            Promiscuous = !spec.HasFlag("no-promisc"),
            IdleInterruptThreshold = context.Idle.Mode == IdleMode.Interrupt ? context.Idle.After : null,
        };
        VfioDeviceFunction function;
        try
        {
            options.Validate();
            function = VfioDeviceFunction.OpenIovaAsVa(device.Address);
        }
        catch (Exception exception) when (exception is VfioException or ArgumentException or PlatformNotSupportedException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }

        try
        {
            ILogger logger = context.LoggerFactory.CreateLogger(driverName);
            return createPort(spec.Text, function, options, logger);
        }
        catch (Exception exception) when (exception is ArgumentException or VfioException or TimeoutException)
        {
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }
    }
}
