using System.Runtime.CompilerServices;
using FastPath.Linux.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastPath.Mempool.Memory;

/// <summary>
/// A block of locked memory that devices can reach by DMA: it knows its virtual address and the IO virtual
/// address of every byte. Backed by 2 MiB hugepages when they are reserved, else (by policy) by locked 4 KiB pages.
/// </summary>
/// <remarks>
/// There is deliberately no finalizer: a device may still be writing into the memory, so it is released only by
/// <see cref="Dispose"/>, which the owner calls after it has stopped the device.
/// </remarks>
public sealed unsafe class DmaRegion : IDisposable
{
    private readonly ulong[] _pageIovas;
    private readonly int _pageShift;
    private readonly bool _contiguous;
    private nint _address;

    private DmaRegion(nint address, nuint length, nuint pageSize, bool hugepages, IDmaMapper mapper)
    {
        _address = address;
        Length = length;
        PageSize = pageSize;
        IsHugepageBacked = hugepages;
        Mapper = mapper;
        _pageShift = System.Numerics.BitOperations.Log2(pageSize);
        _pageIovas = new ulong[(int)(length / pageSize)];
        mapper.Map(address, length, pageSize, _pageIovas);
        _contiguous = true;
        for (int i = 1; i < _pageIovas.Length; i++)
        {
            _contiguous &= _pageIovas[i] == _pageIovas[0] + ((ulong)i << _pageShift);
        }
    }

    /// <summary>The virtual address of the first byte.</summary>
    public nint Address => _address;

    /// <summary>The length in bytes, a multiple of <see cref="PageSize"/>.</summary>
    public nuint Length { get; }

    /// <summary>The size of the pages backing the region: 2 MiB for hugepages, else the system page size.</summary>
    public nuint PageSize { get; }

    /// <summary>Whether the region lives in hugepages.</summary>
    public bool IsHugepageBacked { get; }

    /// <summary>Whether the IOVAs of all pages form one contiguous range (always so for VFIO and identity mappers).</summary>
    public bool IsIovaContiguous => _contiguous;

    /// <summary>The mapper that made the region reachable by devices.</summary>
    public IDmaMapper Mapper { get; }

    /// <summary>The region's memory as a span (for regions below 2 GiB).</summary>
    public Span<byte> Span => new((void*)_address, checked((int)Length));

    /// <summary>
    /// Allocates and maps a region of at least <paramref name="length"/> bytes, zeroed.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">No memory could be had under the policy; the message names the fix.</exception>
    public static DmaRegion Allocate(nuint length, IDmaMapper mapper, HugepagePolicy policy = HugepagePolicy.Prefer, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentOutOfRangeException.ThrowIfZero(length);
        logger ??= NullLogger.Instance;
        if (policy != HugepagePolicy.Never)
        {
            nuint hugeLength = RoundUp(length, (nuint)HugepageStatus.DefaultPageSize);
            nint huge = LibC.mmap(0, hugeLength, LibC.ProtRead | LibC.ProtWrite,
                LibC.MapShared | LibC.MapAnonymous | LibC.MapHugetlb | LibC.MapPopulate | (21 << LibC.MapHugeShift), -1, 0);
            if (huge != LibC.MapFailed)
            {
                return Finish(huge, hugeLength, (nuint)HugepageStatus.DefaultPageSize, hugepages: true, mapper);
            }

            string why = LibC.DescribeLastError();
            HugepageStatus status = HugepageStatus.Read();
            long needed = (long)(hugeLength / (nuint)HugepageStatus.DefaultPageSize);
            string message = $"No 2 MiB hugepages for {hugeLength >> 20} MiB of DMA memory ({why}; HugePages_Total={status.Total}, HugePages_Free={status.Free}, {needed} needed). " +
                $"Reserve them with: {HugepageStatus.ReserveCommand(status.Total - status.Free + needed)}";
            if (policy == HugepagePolicy.Require)
            {
                throw new InsufficientMemoryException(message);
            }

            logger.LogWarning("{Message}. Falling back to locked 4 KiB pages: DMA buffers will cost more TLB misses.", message);
        }

        nuint pageSize = (nuint)Environment.SystemPageSize;
        nuint smallLength = RoundUp(length, pageSize);
        nint small = LibC.mmap(0, smallLength, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapAnonymous | LibC.MapPopulate, -1, 0);
        if (small == LibC.MapFailed)
        {
            throw new InsufficientMemoryException($"mmap of {smallLength} bytes failed ({LibC.DescribeLastError()}).");
        }

        if (LibC.mlock(small, smallLength) != 0)
        {
            string why = LibC.DescribeLastError();
            LibC.munmap(small, smallLength);
            throw new InsufficientMemoryException(
                $"Cannot lock {smallLength >> 10} KiB of DMA memory in RAM ({why}). Raise RLIMIT_MEMLOCK (ulimit -l unlimited) or run as root.");
        }

        return Finish(small, smallLength, pageSize, hugepages: false, mapper);
    }

    private static DmaRegion Finish(nint address, nuint length, nuint pageSize, bool hugepages, IDmaMapper mapper)
    {
        try
        {
            return new DmaRegion(address, length, pageSize, hugepages, mapper);
        }
        catch
        {
            LibC.munmap(address, length);
            throw;
        }
    }

    /// <summary>The IOVA of the byte at <paramref name="offset"/> from the start of the region.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong GetIova(nuint offset)
    {
        ulong page = Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_pageIovas), (nint)(offset >> _pageShift));
        return page + (offset & (PageSize - 1));
    }

    /// <summary>The IOVA of the byte at <paramref name="pointer"/>, which must lie inside the region.</summary>
    public ulong GetIova(void* pointer)
    {
        nuint offset = (nuint)pointer - (nuint)_address;
        if (offset >= Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pointer), $"0x{(nuint)pointer:x} is not inside the DMA region at 0x{_address:x} (+{Length}).");
        }

        return GetIova(offset);
    }

    /// <summary>Whether <paramref name="pointer"/> lies inside the region.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(void* pointer) => (nuint)pointer - (nuint)_address < Length;

    /// <summary>Unmaps the region from devices, then frees it. Stop every device that uses it first.</summary>
    public void Dispose()
    {
        nint address = Interlocked.Exchange(ref _address, 0);
        if (address == 0)
        {
            return;
        }

        Mapper.Unmap(address, Length, _pageIovas);
        LibC.munmap(address, Length);
    }

    private static nuint RoundUp(nuint value, nuint alignment) => (value + alignment - 1) & ~(alignment - 1);
}
