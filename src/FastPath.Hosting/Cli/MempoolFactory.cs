using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using Microsoft.Extensions.Logging;

namespace FastPath.Hosting.Cli;

/// <summary>Creates an application's packet mempool from its common settings.</summary>
public static class MempoolFactory
{
    /// <summary>
    /// Creates a pool of <see cref="CommonSettings.PoolSize"/> buffers with IOVA = virtual address, which suits
    /// virtual ports; DMA to a device needs the device's mapper.
    /// </summary>
    /// <exception cref="UsageException">The memory cannot be had under the hugepage policy.</exception>
    /// <param name="name">The pool's name.</param>
    /// <param name="settings">Its size and hugepage policy.</param>
    /// <param name="logger">For the hugepage fallback warning.</param>
    /// <param name="dataRoom">Bytes each buffer holds (one frame, FCS excluded; there are no chained buffers).</param>
    public static PacketPool Create(string name, CommonSettings settings, ILogger logger, int dataRoom = PacketLayout.DefaultDataRoom)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(name, settings.PoolSize, settings.Hugepages, logger, dataRoom);
    }

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
