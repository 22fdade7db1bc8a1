using FastPath.Lcores;
using FastPath;
using FastPath.Ports.Registry;
using FastPath.Ports;
using Microsoft.Extensions.Logging;

namespace FastPath.Drivers.Ixgbe.Model.Ports;

/// <summary>
/// The <c>sim</c> port kind, for <see cref="PortRegistry.Register"/>: <c>sim:ixgbe[:link=NAME][:queues=N][:rxd=N]
/// [:txd=N]</c> drives a behavioural 82599 with the real ixgbe driver, no hardware and no root needed. Like
/// <c>ring:NAME</c>, the first port opened on a link name creates two cabled devices and drives one; the second port
/// on the name drives the other, back to back; a third is refused, and starting a port whose peer was never opened
/// fails. The cable has flow control and the ports keep frames they have no descriptors for, so the link is lossless
/// like a ring link. Ports are promiscuous (l2fwd rewrites destination MACs) and use the application's pool, which the
/// simulated IOMMU mirrors at IOVA = virtual address.
/// </summary>
public static class SimulatedIxgbePortDrivers
{
    /// <summary>The link name of a spec without <c>link=</c>.</summary>
    public const string DefaultLinkName = "sim0";

    /// <summary>The NIC models a <c>sim</c> spec can name.</summary>
    public static IReadOnlyList<string> Models { get; } = ["ixgbe"];

    /// <summary><c>sim:ixgbe[:link=NAME][:queues=N][:rxd=N][:txd=N]</c>: one end of a cabled pair of simulated 82599s.</summary>
    public static PortDriver Sim { get; } = new()
    {
        Kind = "sim",
        Syntax = "sim:ixgbe[:link=NAME][:queues=N][:rxd=N][:txd=N]",
        Description = $"a simulated 82599 driven by the ixgbe driver; the two ports on one link NAME (default {DefaultLinkName}) are cabled back to back, lossless",
        TargetName = "NIC model",
        Options = new HashSet<string> { "link", "queues", "rxd", "txd" },
        Open = Open,
    };

    /// <summary>Registers <see cref="Sim"/> with <paramref name="factory"/>.</summary>
    public static void RegisterWith(PortRegistry factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Register(Sim);
    }

    private static IPort Open(PortSpec spec, PortOpenContext context)
    {
        if (!Models.Contains(spec.Target))
        {
            throw new UsageException($"Port spec '{spec.Text}': there is no simulated NIC model '{spec.Target}'; sim takes one of {string.Join(", ", Models)} (sim:ixgbe[:link=NAME]).");
        }

        string link = spec.Options.TryGetValue("link", out string? name) ? name ?? string.Empty : DefaultLinkName;
        if (link.Length == 0)
        {
            throw new UsageException($"Port spec '{spec.Text}': link= is empty; name the link, e.g. link=a (the two ports with the same name are cabled).");
        }

        int queues = spec.GetInt("queues", context.QueueCount, 1, IxgbePortOptions.MaxQueues);
        var options = new IxgbePortOptions
        {
            PortId = (ushort)context.PortId,
            RxQueues = queues,
            TxQueues = queues,
            Rx = new() { RingSize = RingSize(spec, "rxd") },
            Tx = new() { RingSize = RingSize(spec, "txd") },
            Promiscuous = true,
            DropWhenRingFull = false,
            LinkTimeout = TimeSpan.FromSeconds(1),
            IdleInterruptThreshold = context.Idle.Mode == IdleMode.Interrupt ? context.Idle.After : null,
        };

        (SimulatedLink simulatedLink, int end) = Attach(spec, link);
        try
        {
            SimulatedIxgbeDevice device = simulatedLink.Ends[end];
            IxgbePort<ModelRegisters> port = device.CreatePort(context.Pool, options, context.LoggerFactory.CreateLogger("sim:ixgbe"));
            return new SimulatedIxgbePort(port, simulatedLink, end);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or TimeoutException)
        {
            SimulatedLinkRegistry.Detach(simulatedLink, end);
            throw new UsageException($"Port spec '{spec.Text}': {ErrorText.OneLine(exception)}", exception);
        }
        catch
        {
            SimulatedLinkRegistry.Detach(simulatedLink, end);
            throw;
        }
    }

    private static (SimulatedLink Link, int End) Attach(PortSpec spec, string link)
    {
        try
        {
            return SimulatedLinkRegistry.Attach(link);
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException($"Port spec '{spec.Text}': {exception.Message}", exception);
        }
    }

    private static int RingSize(PortSpec spec, string option)
    {
        int size = spec.GetInt(option, 512, 64, 4096);
        if ((size & (size - 1)) != 0)
        {
            throw new UsageException($"Port spec '{spec.Text}': {option}={size} is not a power of two; give 64, 128, … 4096.");
        }

        return size;
    }
}
