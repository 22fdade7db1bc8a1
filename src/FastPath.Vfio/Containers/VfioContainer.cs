using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;
using FastPath.Vfio.Setup;

namespace FastPath.Vfio.Containers;

/// <summary>
/// A VFIO container (<c>/dev/vfio/vfio</c>): one IOMMU address space that groups join and DMA mappings live in.
/// </summary>
public sealed unsafe class VfioContainer : IDisposable
{
    /// <summary>Where the container device lives.</summary>
    public const string DefaultPath = "/dev/vfio/vfio";

    private static readonly Lock s_sharedLock = new();
    private static VfioContainer? s_shared;
    private readonly Lock _iommuLock = new();
    private int _groups;
    private int _iommuGeneration;

    private VfioContainer(FileDescriptorHandle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    /// <summary>The path the container was opened from.</summary>
    public string Path { get; }

    /// <summary>The IOMMU backend set by <see cref="SetIommu"/>, or null before a group joined and it was set.</summary>
    public VfioIommuType? IommuType { get; private set; }

    /// <summary>
    /// The process-wide container devices share when none is passed in. It is opened on first use and lives until
    /// the process exits.
    /// </summary>
    public static VfioContainer Shared
    {
        get
        {
            lock (s_sharedLock)
            {
                return s_shared ??= Open();
            }
        }
    }

    internal FileDescriptorHandle Handle { get; }

    /// <summary>Opens a new container and checks that the kernel speaks VFIO API version 0.</summary>
    /// <exception cref="VfioException">The device is missing, inaccessible or of another API version; the message names the fix.</exception>
    public static VfioContainer Open(string path = DefaultPath)
    {
        int fd = LibC.open(path, LibC.OpenReadWrite | LibC.OpenCloseOnExec);
        if (fd < 0)
        {
            int errno = LibC.LastError;
            string fix = errno switch
            {
                LibC.ErrorNoEntry => "The vfio module is not loaded or the kernel has no IOMMU: run `modprobe vfio-pci` and boot with intel_iommu=on (or amd_iommu=on); `fastpath-devbind check` explains what is missing.",
                LibC.ErrorAccessDenied or LibC.ErrorNotPermitted => $"Run as root or give your user read/write access to {path}.",
                _ => "See `fastpath-devbind check`.",
            };
            throw new VfioException($"Cannot open the VFIO container {path}: {LibC.Describe(errno)}. {fix}", errno);
        }

        var container = new VfioContainer(new FileDescriptorHandle(fd), path);
        int version = container.GetApiVersion();
        if (version != VfioNative.ApiVersion)
        {
            container.Dispose();
            throw new VfioException($"{path} speaks VFIO API version {version}, this library speaks {VfioNative.ApiVersion}. Use a kernel whose VFIO API is {VfioNative.ApiVersion}.");
        }

        return container;
    }

    /// <summary><c>VFIO_GET_API_VERSION</c>: the kernel's VFIO API version (0 on every released kernel).</summary>
    public int GetApiVersion()
    {
        int version = LibC.ioctl(Handle, VfioNative.GetApiVersion, 0);
        return version >= 0 ? version : throw VfioException.FromLastError("VFIO_GET_API_VERSION");
    }

    /// <summary><c>VFIO_CHECK_EXTENSION</c>: whether the kernel supports <paramref name="extension"/>.</summary>
    public bool CheckExtension(VfioExtension extension)
    {
        int result = LibC.ioctl(Handle, VfioNative.CheckExtension, (nint)extension);
        return result >= 0 ? result > 0 : throw VfioException.FromLastError($"VFIO_CHECK_EXTENSION({extension})");
    }

    /// <summary>
    /// <c>VFIO_SET_IOMMU</c>: selects the IOMMU backend. At least one group must have joined the container first.
    /// </summary>
    public void SetIommu(VfioIommuType type)
    {
        lock (_iommuLock)
        {
            if (LibC.ioctl(Handle, VfioNative.SetIommu, (nint)type) < 0)
            {
                throw VfioException.FromLastError($"VFIO_SET_IOMMU({type})",
                    "The IOMMU can only be set once, after a group joined the container (VfioGroup.SetContainer), and the backend must be supported (CheckExtension).");
            }

            IommuType = type;
        }
    }

    /// <summary>Sets the best supported Type1 backend (v2 when available) unless a backend is already set.</summary>
    /// <returns>The backend in use.</returns>
    public VfioIommuType EnsureIommu()
    {
        lock (_iommuLock)
        {
            if (IommuType is { } set)
            {
                return set;
            }

            VfioIommuType type = CheckExtension(VfioExtension.Type1v2Iommu) ? VfioIommuType.Type1v2
                : CheckExtension(VfioExtension.Type1Iommu) ? VfioIommuType.Type1
                : throw new VfioException("The kernel offers no Type1 IOMMU backend: load vfio_iommu_type1 (`modprobe vfio_iommu_type1`) and boot with the IOMMU on.");
            SetIommu(type);
            return type;
        }
    }

    /// <summary>
    /// <c>VFIO_IOMMU_GET_INFO</c>: the IOMMU page sizes and, from the capability chain, the usable IOVA ranges and the
    /// number of mappings still available. Requires <see cref="SetIommu"/>.
    /// </summary>
    public VfioIommuInfo GetIommuInfo()
    {
        int size = sizeof(VfioIommuType1InfoNative);
        byte[] buffer = new byte[size];
        while (true)
        {
            fixed (byte* p = buffer)
            {
                ((VfioIommuType1InfoNative*)p)->ArgumentSize = (uint)buffer.Length;
                if (LibC.ioctl(Handle, VfioNative.IommuGetInfo, p) < 0)
                {
                    throw VfioException.FromLastError("VFIO_IOMMU_GET_INFO", "Set the IOMMU backend first (VfioContainer.EnsureIommu).");
                }

                uint wanted = ((VfioIommuType1InfoNative*)p)->ArgumentSize;
                if (wanted <= buffer.Length)
                {
                    break;
                }

                buffer = new byte[wanted];
            }
        }

        VfioIommuType1InfoNative info = MemoryMarshal.Read<VfioIommuType1InfoNative>(buffer);
        ulong pageSizes = (info.Flags & VfioNative.IommuInfoPageSizes) != 0 ? info.IovaPageSizes : 0;
        var ranges = new List<IovaRange>();
        uint? available = null;
        if ((info.Flags & VfioNative.IommuInfoCaps) != 0 && info.CapabilityOffset != 0)
        {
            int at = CapabilityChain.Find(buffer, info.CapabilityOffset, VfioNative.IommuCapIovaRange);
            if (at >= 0)
            {
                VfioIommuType1InfoCapIovaRange cap = MemoryMarshal.Read<VfioIommuType1InfoCapIovaRange>(buffer.AsSpan(at));
                int first = at + sizeof(VfioIommuType1InfoCapIovaRange);
                for (int i = 0; i < cap.RangeCount; i++)
                {
                    VfioIovaRangeNative range = MemoryMarshal.Read<VfioIovaRangeNative>(buffer.AsSpan(first + i * sizeof(VfioIovaRangeNative)));
                    ranges.Add(new IovaRange(range.Start, range.End));
                }
            }

            at = CapabilityChain.Find(buffer, info.CapabilityOffset, VfioNative.IommuCapDmaAvailable);
            if (at >= 0)
            {
                available = MemoryMarshal.Read<VfioIommuType1InfoDmaAvail>(buffer.AsSpan(at)).Available;
            }
        }

        return new VfioIommuInfo(pageSizes, ranges, available);
    }

    /// <summary>
    /// <c>VFIO_IOMMU_MAP_DMA</c>: makes <paramref name="size"/> bytes at <paramref name="virtualAddress"/> reachable
    /// by the container's devices at <paramref name="iova"/>. Pins the pages (counted against RLIMIT_MEMLOCK).
    /// </summary>
    public void MapDma(nint virtualAddress, ulong iova, ulong size, VfioDmaAccess access = VfioDmaAccess.ReadWrite)
    {
        var map = new VfioIommuType1DmaMap
        {
            ArgumentSize = (uint)sizeof(VfioIommuType1DmaMap),
            Flags = (uint)access,
            VirtualAddress = (ulong)virtualAddress,
            Iova = iova,
            Size = size,
        };
        if (LibC.ioctl(Handle, VfioNative.IommuMapDma, &map) < 0)
        {
            int errno = LibC.LastError;
            string fix = errno switch
            {
                LibC.ErrorInvalid => "Address, IOVA and size must be aligned to the IOMMU page size, the IOVA range must lie inside the container's IOVA ranges (GetIommuInfo) and the IOMMU must be set.",
                LibC.ErrorOutOfMemory => LockedMemoryFix(size),
                LibC.ErrorExists => "The IOVA range overlaps an existing mapping: allocate IOVAs with one allocator per container (VfioDmaMapper).",
                LibC.ErrorNoSpace => "The container reached its limit of DMA mappings (dma_entry_limit of vfio_iommu_type1): map fewer, larger regions.",
                _ => "Check the addresses and `fastpath-devbind check`.",
            };
            throw new VfioException($"VFIO_IOMMU_MAP_DMA of {size} bytes at 0x{virtualAddress:x} to IOVA 0x{iova:x} failed: {LibC.Describe(errno)}. {fix}", errno);
        }
    }

    /// <summary>
    /// The fix for ENOMEM from MAP_DMA: the kernel pins the pages and charges them to the process's locked memory, which
    /// a process without CAP_IPC_LOCK may hold only up to RLIMIT_MEMLOCK (vfio_iommu_type1's vfio_lock_acct).
    /// </summary>
    private static string LockedMemoryFix(ulong size)
    {
        ulong limit = VfioEnvironment.Host.LockedMemoryLimit();
        if (limit == ulong.MaxValue)
        {
            return "The kernel could not pin the pages although RLIMIT_MEMLOCK is unlimited: the machine is short of memory; free some or map less.";
        }

        return $"Pinning the pages exceeded RLIMIT_MEMLOCK (the locked-memory limit, now {limit >> 10} KiB; this mapping adds {size >> 10} KiB to the DMA mappings "
            + "the process already holds): raise it for the user that runs FastPath (`ulimit -l unlimited`, `prlimit --memlock=unlimited`, LimitMEMLOCK=infinity in a systemd unit, "
            + "or memlock in /etc/security/limits.conf), or give the process CAP_IPC_LOCK.";
    }

    /// <summary><c>VFIO_IOMMU_UNMAP_DMA</c>: removes the mapping at <paramref name="iova"/>; devices lose access at once.</summary>
    /// <returns>How many bytes the kernel unmapped.</returns>
    public ulong UnmapDma(ulong iova, ulong size)
    {
        var unmap = new VfioIommuType1DmaUnmap
        {
            ArgumentSize = (uint)sizeof(VfioIommuType1DmaUnmap),
            Iova = iova,
            Size = size,
        };
        if (LibC.ioctl(Handle, VfioNative.IommuUnmapDma, &unmap) < 0)
        {
            throw VfioException.FromLastError($"VFIO_IOMMU_UNMAP_DMA of IOVA 0x{iova:x} (+{size})",
                "Unmap exactly the ranges that were mapped: Type1v2 does not split mappings.");
        }

        return unmap.Size;
    }

    /// <summary>How many groups have joined the container and not left it.</summary>
    public int GroupCount => Volatile.Read(ref _groups);

    /// <summary>
    /// Counts how often the container lost its IOMMU backend: the kernel drops the backend and every DMA mapping
    /// when the last group leaves. Mappers compare it to know whether their mappings still exist.
    /// </summary>
    public int IommuGeneration => Volatile.Read(ref _iommuGeneration);

    internal void OnGroupAttached() => Interlocked.Increment(ref _groups);

    internal void OnGroupDetached()
    {
        lock (_iommuLock)
        {
            if (--_groups == 0 && IommuType is not null)
            {
                IommuType = null;
                Interlocked.Increment(ref _iommuGeneration);
            }
        }
    }

    /// <summary>Closes the container. Groups still attached are detached by the kernel when their fds close.</summary>
    public void Dispose() => Handle.Dispose();

    /// <summary>For diagnostics.</summary>
    public override string ToString() => $"VFIO container {Path} (fd {Handle.Fd}, IOMMU {IommuType?.ToString() ?? "unset"})";
}
