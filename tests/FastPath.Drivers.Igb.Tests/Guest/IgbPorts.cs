using FastPath.Drivers.Intel.Devices;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;
using FastPath.Mempool.Pools;
using FastPath.Vfio.Dma;
using FastPath.Vfio.Pci;

namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>
/// igb ports on guest NICs in one process: one VFIO container, one DMA mapper and one pool shared by all, so a
/// buffer may travel between them. Disposing closes the ports, then the pool, then the mapper.
/// </summary>
public sealed class IgbPorts : IDisposable
{
    private readonly List<IgbPort<MmioRegisters>> _ports = [];
    private VfioDmaMapper? _mapper;
    private bool _ownsMapper;

    private IgbPorts()
    {
    }

    public IgbPort<MmioRegisters> this[int index] => _ports[index];

    public PacketPool Pool { get; private set; } = null!;

    /// <summary>Opens one port per (NIC, options) pair with a pool of <paramref name="poolSize"/> buffers.</summary>
    public static IgbPorts Open(int poolSize, params (PciAddress Nic, IgbPortOptions Options)[] ports) => Open(null, poolSize, ports);

    /// <summary>
    /// Opens ports later than <paramref name="first"/>, in the same VFIO container: they map their pool through its DMA
    /// mapper, whose IOVA allocator is the container's only one (a second mapper would hand out overlapping IOVAs).
    /// Dispose these before <paramref name="first"/>, which owns the mapper.
    /// </summary>
    public static IgbPorts OpenBeside(IgbPorts first, int poolSize, params (PciAddress Nic, IgbPortOptions Options)[] ports) =>
        Open(first._mapper ?? throw new InvalidOperationException("The first ports hold no mapper."), poolSize, ports);

    private static IgbPorts Open(VfioDmaMapper? shared, int poolSize, (PciAddress Nic, IgbPortOptions Options)[] ports)
    {
        var opened = new IgbPorts { _mapper = shared, _ownsMapper = shared is null };
        var functions = new List<VfioDeviceFunction>();
        try
        {
            foreach ((PciAddress nic, _) in ports)
            {
                var function = new VfioDeviceFunction(nic, opened._mapper);
                functions.Add(function);
                opened._mapper ??= (VfioDmaMapper)function.DmaMapper;
            }

            opened.Pool = PacketPool.Create("igb-guest", poolSize, opened._mapper!, new PacketPoolOptions { CacheSize = 0 });
            for (int i = 0; i < ports.Length; i++)
            {
                VfioDeviceFunction function = functions[i];
                functions[i] = null!;
                opened._ports.Add(new IgbPort<MmioRegisters>(ports[i].Nic.ToString(), function.Registers, function, opened.Pool, ports[i].Options with { PortId = (ushort)i }));
            }
        }
        catch
        {
            foreach (VfioDeviceFunction? function in functions)
            {
                function?.Dispose();
            }

            opened.Dispose();
            throw;
        }

        return opened;
    }

    public void StartAll() => _ports.ForEach(p => p.Start());

    public void Dispose()
    {
        foreach (IgbPort<MmioRegisters> port in _ports)
        {
            port.Dispose();
        }

        _ports.Clear();
        Pool?.Dispose();
        if (_ownsMapper)
        {
            _mapper?.Dispose();
        }
    }
}
