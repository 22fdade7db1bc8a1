using System.Runtime.InteropServices;
using FastPath.Linux;
using FastPath.Linux.Events;
using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;
using FastPath.Vfio.Mmio;

namespace FastPath.Vfio.Devices;

/// <summary>
/// An open VFIO device fd: its regions (BARs and PCI config space) through pread/pwrite and mmap, its interrupts
/// through eventfds, and reset. Obtained from <see cref="Groups.VfioGroup.OpenDevice"/>.
/// </summary>
public sealed unsafe class VfioDevice : IDisposable
{
    internal VfioDevice(FileDescriptorHandle handle, string name)
    {
        Handle = handle;
        Name = name;
    }

    /// <summary>The device name the group opened it by (its PCI address).</summary>
    public string Name { get; }

    internal FileDescriptorHandle Handle { get; }

    /// <summary><c>VFIO_DEVICE_GET_INFO</c>: flags, region count and interrupt index count.</summary>
    public VfioDeviceInfo GetInfo()
    {
        var info = new VfioDeviceInfoNative { ArgumentSize = (uint)sizeof(VfioDeviceInfoNative) };
        if (LibC.ioctl(Handle, VfioNative.DeviceGetInfo, &info) < 0)
        {
            throw VfioException.FromLastError($"VFIO_DEVICE_GET_INFO on {Name}");
        }

        return new VfioDeviceInfo((VfioDeviceFlags)info.Flags, (int)info.RegionCount, (int)info.IrqCount);
    }

    /// <summary><c>VFIO_DEVICE_GET_REGION_INFO</c> for a PCI region.</summary>
    public VfioRegionInfo GetRegionInfo(VfioPciRegion region) => GetRegionInfo((int)region);

    /// <summary><c>VFIO_DEVICE_GET_REGION_INFO</c>, with the sparse-mmap and MSI-X-mappable capabilities.</summary>
    public VfioRegionInfo GetRegionInfo(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        byte[] buffer = new byte[sizeof(VfioRegionInfoNative)];
        while (true)
        {
            fixed (byte* p = buffer)
            {
                var header = (VfioRegionInfoNative*)p;
                header->ArgumentSize = (uint)buffer.Length;
                header->Index = (uint)index;
                if (LibC.ioctl(Handle, VfioNative.DeviceGetRegionInfo, p) < 0)
                {
                    throw VfioException.FromLastError($"VFIO_DEVICE_GET_REGION_INFO({index}) on {Name}", "The index must be below GetInfo().RegionCount.");
                }

                if (header->ArgumentSize <= buffer.Length)
                {
                    break;
                }

                buffer = new byte[header->ArgumentSize];
            }
        }

        VfioRegionInfoNative info = MemoryMarshal.Read<VfioRegionInfoNative>(buffer);
        var areas = new List<VfioSparseMmapArea>();
        bool msixMappable = false;
        if ((info.Flags & (uint)VfioRegionFlags.Capabilities) != 0 && info.CapabilityOffset != 0)
        {
            int at = CapabilityChain.Find(buffer, info.CapabilityOffset, VfioNative.RegionCapSparseMmap);
            if (at >= 0)
            {
                VfioRegionInfoCapSparseMmap cap = MemoryMarshal.Read<VfioRegionInfoCapSparseMmap>(buffer.AsSpan(at));
                int first = at + sizeof(VfioRegionInfoCapSparseMmap);
                for (int i = 0; i < cap.AreaCount; i++)
                {
                    VfioRegionSparseMmapArea area = MemoryMarshal.Read<VfioRegionSparseMmapArea>(buffer.AsSpan(first + i * sizeof(VfioRegionSparseMmapArea)));
                    areas.Add(new VfioSparseMmapArea(area.Offset, area.Size));
                }
            }

            msixMappable = CapabilityChain.Find(buffer, info.CapabilityOffset, VfioNative.RegionCapMsixMappable) >= 0;
        }

        return new VfioRegionInfo((int)info.Index, (VfioRegionFlags)info.Flags, info.Size, info.Offset, areas, msixMappable);
    }

    /// <summary>Reads <c>destination.Length</c> bytes at <paramref name="offset"/> inside <paramref name="region"/> (pread on the device fd).</summary>
    public void ReadRegion(VfioRegionInfo region, ulong offset, Span<byte> destination)
    {
        CheckAccess(region, offset, destination.Length, VfioRegionFlags.Read);
        fixed (byte* p = destination)
        {
            nint n = LibC.pread(Handle, p, (nuint)destination.Length, (long)(region.Offset + offset));
            if (n != destination.Length)
            {
                throw n < 0 ? VfioException.FromLastError($"Reading {destination.Length} bytes at 0x{offset:x} of region {region.Index} of {Name}")
                    : new VfioException($"Reading {destination.Length} bytes at 0x{offset:x} of region {region.Index} of {Name} returned {n} bytes.");
            }
        }
    }

    /// <summary>Writes <paramref name="source"/> at <paramref name="offset"/> inside <paramref name="region"/> (pwrite on the device fd).</summary>
    public void WriteRegion(VfioRegionInfo region, ulong offset, ReadOnlySpan<byte> source)
    {
        CheckAccess(region, offset, source.Length, VfioRegionFlags.Write);
        fixed (byte* p = source)
        {
            nint n = LibC.pwrite(Handle, p, (nuint)source.Length, (long)(region.Offset + offset));
            if (n != source.Length)
            {
                throw n < 0 ? VfioException.FromLastError($"Writing {source.Length} bytes at 0x{offset:x} of region {region.Index} of {Name}")
                    : new VfioException($"Writing {source.Length} bytes at 0x{offset:x} of region {region.Index} of {Name} wrote {n} bytes.");
            }
        }
    }

    /// <summary>Maps a whole region (a BAR) for register access.</summary>
    public MmioRegion MapRegion(VfioPciRegion region)
    {
        VfioRegionInfo info = GetRegionInfo(region);
        if (info.SparseMmapAreas.Count > 0 && !(info.SparseMmapAreas.Count == 1 && info.SparseMmapAreas[0].Offset == 0 && info.SparseMmapAreas[0].Size == info.Size))
        {
            throw new VfioException($"{region} of {Name} is only partly mappable (areas {string.Join(", ", info.SparseMmapAreas.Select(a => $"0x{a.Offset:x}+0x{a.Size:x}"))}): map one area with MapRegion(info, offset, size) and use ReadRegion/WriteRegion for the rest.");
        }

        return MapRegion(info, 0, info.Size);
    }

    /// <summary>Maps <paramref name="size"/> bytes at <paramref name="offset"/> of a region (one sparse-mmap area, or all of it).</summary>
    public MmioRegion MapRegion(VfioRegionInfo region, ulong offset, ulong size)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!region.CanMmap)
        {
            throw new VfioException($"Region {region.Index} of {Name} cannot be mmapped (flags {region.Flags}, size {region.Size}): use ReadRegion/WriteRegion, or pick a memory BAR.");
        }

        if (size == 0 || offset + size > region.Size || offset % (ulong)Environment.SystemPageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"0x{offset:x}+0x{size:x} is not a page-aligned, non-empty window of the 0x{region.Size:x}-byte region {region.Index}.");
        }

        int protection = ((region.Flags & VfioRegionFlags.Read) != 0 ? LibC.ProtRead : 0) | ((region.Flags & VfioRegionFlags.Write) != 0 ? LibC.ProtWrite : 0);
        nint address = LibC.mmap(0, (nuint)size, protection, LibC.MapShared, Handle, (long)(region.Offset + offset));
        if (address == LibC.MapFailed)
        {
            throw VfioException.FromLastError($"mmap of region {region.Index} of {Name} at 0x{offset:x}+0x{size:x}",
                "Map only the sparse-mmap areas the kernel reports (GetRegionInfo().SparseMmapAreas).");
        }

        return new MmioRegion(address, (nuint)size, $"{Name} region {region.Index}");
    }

    /// <summary><c>VFIO_DEVICE_GET_IRQ_INFO</c> for an interrupt index.</summary>
    public VfioIrqInfo GetIrqInfo(VfioPciIrq index)
    {
        var info = new VfioIrqInfoNative { ArgumentSize = (uint)sizeof(VfioIrqInfoNative), Index = (uint)index };
        if (LibC.ioctl(Handle, VfioNative.DeviceGetIrqInfo, &info) < 0)
        {
            throw VfioException.FromLastError($"VFIO_DEVICE_GET_IRQ_INFO({index}) on {Name}");
        }

        return new VfioIrqInfo(index, (VfioIrqFlags)info.Flags, (int)info.Count);
    }

    /// <summary>
    /// <c>VFIO_DEVICE_SET_IRQS</c> with TRIGGER|DATA_EVENTFD: interrupts <paramref name="start"/>.. of
    /// <paramref name="index"/> signal <paramref name="eventFds"/>. A null entry detaches that vector.
    /// </summary>
    public void SetIrqEventFds(VfioPciIrq index, int start, ReadOnlySpan<EventFd?> eventFds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        Span<int> fds = eventFds.Length <= 64 ? stackalloc int[eventFds.Length] : new int[eventFds.Length];
        int referenced = 0;
        try
        {
            for (; referenced < eventFds.Length; referenced++)
            {
                bool added = false;
                eventFds[referenced]?.DangerousAddRef(ref added);
                fds[referenced] = eventFds[referenced]?.Fd ?? -1;
            }

            SetIrqs(VfioNative.IrqSetActionTrigger | VfioNative.IrqSetDataEventFd, index, start, eventFds.Length, MemoryMarshal.AsBytes(fds));
        }
        finally
        {
            for (int i = 0; i < referenced; i++)
            {
                eventFds[i]?.DangerousRelease();
            }
        }
    }

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with TRIGGER|DATA_NONE and count 0: disables every interrupt of <paramref name="index"/>.</summary>
    public void DisableIrqs(VfioPciIrq index) => SetIrqs(VfioNative.IrqSetActionTrigger | VfioNative.IrqSetDataNone, index, 0, 0, []);

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with TRIGGER|DATA_NONE: fires the interrupts as if the device had (a loopback test).</summary>
    public void TriggerIrqs(VfioPciIrq index, int start, int count) => SetIrqs(VfioNative.IrqSetActionTrigger | VfioNative.IrqSetDataNone, index, start, count, []);

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with TRIGGER|DATA_BOOL: fires the interrupts whose entry is true.</summary>
    public void TriggerIrqs(VfioPciIrq index, int start, ReadOnlySpan<bool> fire) => SetIrqs(VfioNative.IrqSetActionTrigger | VfioNative.IrqSetDataBool, index, start, fire.Length, MemoryMarshal.AsBytes(fire));

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with MASK|DATA_NONE (maskable indexes such as INTx only).</summary>
    public void MaskIrqs(VfioPciIrq index, int start, int count) => SetIrqs(VfioNative.IrqSetActionMask | VfioNative.IrqSetDataNone, index, start, count, []);

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with UNMASK|DATA_NONE: re-arms an automasked INTx after handling it.</summary>
    public void UnmaskIrqs(VfioPciIrq index, int start, int count) => SetIrqs(VfioNative.IrqSetActionUnmask | VfioNative.IrqSetDataNone, index, start, count, []);

    /// <summary><c>VFIO_DEVICE_SET_IRQS</c> with MASK|DATA_BOOL or UNMASK|DATA_BOOL: masks or unmasks the interrupts whose entry is true.</summary>
    public void SetIrqMask(VfioPciIrq index, int start, ReadOnlySpan<bool> selected, bool mask) =>
        SetIrqs((mask ? VfioNative.IrqSetActionMask : VfioNative.IrqSetActionUnmask) | VfioNative.IrqSetDataBool, index, start, selected.Length, MemoryMarshal.AsBytes(selected));

    /// <summary><c>VFIO_DEVICE_RESET</c>: resets the function (FLR or PM reset); every register returns to its default.</summary>
    public void Reset()
    {
        if (LibC.ioctl(Handle, VfioNative.DeviceReset, 0) < 0)
        {
            throw VfioException.FromLastError($"VFIO_DEVICE_RESET of {Name}", "The device must report VfioDeviceFlags.Reset (GetInfo().Flags).");
        }
    }

    /// <summary>Closes the device fd; vfio-pci disables its interrupts and resets it when possible.</summary>
    public void Dispose() => Handle.Dispose();

    private void SetIrqs(uint flags, VfioPciIrq index, int start, int count, ReadOnlySpan<byte> data)
    {
        int size = sizeof(VfioIrqSetNative) + data.Length;
        byte* buffer = stackalloc byte[size];
        *(VfioIrqSetNative*)buffer = new VfioIrqSetNative
        {
            ArgumentSize = (uint)size,
            Flags = flags,
            Index = (uint)index,
            Start = (uint)start,
            Count = (uint)count,
        };
        data.CopyTo(new Span<byte>(buffer + sizeof(VfioIrqSetNative), data.Length));
        if (LibC.ioctl(Handle, VfioNative.DeviceSetIrqs, buffer) < 0)
        {
            throw VfioException.FromLastError($"VFIO_DEVICE_SET_IRQS({index}, start {start}, count {count}, flags 0x{flags:x}) on {Name}",
                "Stay within GetIrqInfo(index).Count vectors, mask/unmask only maskable indexes, and disable an index (DisableIrqs) before enabling it with a different vector count.");
        }
    }

    private void CheckAccess(VfioRegionInfo region, ulong offset, int length, VfioRegionFlags needed)
    {
        ArgumentNullException.ThrowIfNull(region);
        if ((region.Flags & needed) == 0)
        {
            throw new VfioException($"Region {region.Index} of {Name} does not allow {needed} (flags {region.Flags}).");
        }

        if (offset + (ulong)length > region.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"0x{offset:x}+{length} lies beyond the 0x{region.Size:x}-byte region {region.Index} of {Name}.");
        }
    }
}
