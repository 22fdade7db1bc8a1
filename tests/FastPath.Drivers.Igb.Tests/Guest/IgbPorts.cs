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

    private IgbPorts()
    {
    }

    public IgbPort<MmioRegisters> this[int index] => _ports[index];

    public PacketPool Pool { get; private set; } = null!;

    /// <summary>Opens one port per (NIC, options) pair with a pool of <paramref name="poolSize"/> buffers.</summary>
    public static IgbPorts Open(int poolSize, params (PciAddress Nic, IgbPortOptions Options)[] ports)
    {
        var opened = new IgbPorts();
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
        _mapper?.Dispose();
    }
}
