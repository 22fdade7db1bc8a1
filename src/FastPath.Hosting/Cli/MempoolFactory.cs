using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Ports;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>Creates an application's packet mempool from its common settings.</summary>
public static class MempoolFactory
{
    /// <summary>
    /// Creates a pool with IOVA = virtual address, which suits virtual ports (DMA to a device needs the device's
    /// mapper): <see cref="CommonSettings.PoolSize"/> frames' worth of buffers, that is as many times more buffers as a
    /// frame of <see cref="CommonSettings.Mtu"/> (tagged) takes segments of <paramref name="dataRoom"/> bytes.
    /// </summary>
    /// <exception cref="UsageException">The memory cannot be had under the hugepage policy.</exception>
    /// <param name="name">The pool's name.</param>
    /// <param name="settings">Its size, the MTU and the hugepage policy.</param>
    /// <param name="logger">For the hugepage fallback warning.</param>
    /// <param name="dataRoom">Bytes each buffer holds; a longer frame is a chain of buffers.</param>
    public static PacketPool Create(string name, CommonSettings settings, ILogger logger, int dataRoom = PacketLayout.DefaultDataRoom)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(name, settings.PoolSize * SegmentsPerFrame(settings.Mtu, dataRoom), settings.Hugepages, logger, dataRoom);
    }

    /// <summary>How many buffers of <paramref name="dataRoom"/> bytes a tagged frame of <paramref name="mtu"/> takes (1 for MTU 0, the ports' own).</summary>
    public static int SegmentsPerFrame(int mtu, int dataRoom) =>
        mtu == 0 ? 1 : Math.Max(1, (mtu + PortConfiguration.EthernetHeaderLength + VlanTagLength + dataRoom - 1) / dataRoom);

    private const int VlanTagLength = 4;

    /// <summary>Creates a pool of <paramref name="count"/> buffers under <paramref name="hugepages"/>, IOVA = virtual address.</summary>
    /// <exception cref="UsageException">The memory cannot be had under the hugepage policy.</exception>
    public static PacketPool Create(string name, int count, HugepagePolicy hugepages, ILogger logger) =>
        Create(name, count, hugepages, logger, PacketLayout.DefaultDataRoom);

    /// <summary>Creates a pool of <paramref name="count"/> buffers of <paramref name="dataRoom"/> bytes under <paramref name="hugepages"/>, IOVA = virtual address.</summary>
    /// <exception cref="UsageException">The memory cannot be had under the hugepage policy.</exception>
    public static PacketPool Create(string name, int count, HugepagePolicy hugepages, ILogger logger, int dataRoom)
    {
        try
        {
            return PacketPool.Create(name, count, IdentityDmaMapper.Instance,
                new PacketPoolOptions { Hugepages = hugepages, CacheSize = Math.Min(256, count / 4), DataRoom = dataRoom }, logger);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OutOfMemoryException or ArgumentException)
        {
            throw new UsageException($"Cannot create the packet mempool: {ErrorText.OneLine(exception)}", exception);
        }
    }
}
