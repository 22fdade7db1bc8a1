using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Devices;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Groups;

/// <summary>
/// A VFIO group (<c>/dev/vfio/N</c>): the smallest set of devices the IOMMU can isolate. A group can be opened by
/// one process at a time and must join a container before its devices can be opened.
/// </summary>
public sealed unsafe class VfioGroup : IDisposable
{
    private VfioGroup(FileDescriptorHandle handle, int number, string path)
    {
        Handle = handle;
        Number = number;
        Path = path;
    }

    /// <summary>The IOMMU group number, the N of <c>/dev/vfio/N</c>.</summary>
    public int Number { get; }

    /// <summary>The path of the group device.</summary>
    public string Path { get; }

    /// <summary>The container the group joined through <see cref="SetContainer"/>, if any.</summary>
    public VfioContainer? Container { get; private set; }

    internal FileDescriptorHandle Handle { get; }

    /// <summary>Opens <c>/dev/vfio/<paramref name="number"/></c>.</summary>
    /// <exception cref="VfioException">The group device is missing, inaccessible or busy; the message names the fix.</exception>
    public static VfioGroup Open(int number, string vfioDirectory = "/dev/vfio")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        string path = System.IO.Path.Combine(vfioDirectory, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int fd = LibC.open(path, LibC.OpenReadWrite | LibC.OpenCloseOnExec);
        if (fd < 0)
        {
            int errno = LibC.LastError;
            string fix = errno switch
            {
                LibC.ErrorNoEntry => $"No device of IOMMU group {number} is bound to vfio-pci: bind it with `fastpath-devbind bind <BDF>`.",
                LibC.ErrorAccessDenied or LibC.ErrorNotPermitted => $"Run as root or give your user access: `chown $USER {path}` (or a udev rule for vfio groups).",
                LibC.ErrorBusy => "Another process (or another VfioGroup in this one) holds the group open: a group can be opened once; share the VfioGroup.",
                _ => "See `fastpath-devbind check`.",
            };
            throw new VfioException($"Cannot open VFIO group {path}: {LibC.Describe(errno)}. {fix}", errno);
        }

        return new VfioGroup(new FileDescriptorHandle(fd), number, path);
    }

    /// <summary><c>VFIO_GROUP_GET_STATUS</c>: whether the group is viable and has joined a container.</summary>
    public VfioGroupStatusFlags GetStatus()
    {
        var status = new VfioGroupStatusNative { ArgumentSize = (uint)sizeof(VfioGroupStatusNative) };
        if (LibC.ioctl(Handle, VfioNative.GroupGetStatus, &status) < 0)
        {
            throw VfioException.FromLastError($"VFIO_GROUP_GET_STATUS on {Path}");
        }

        return (VfioGroupStatusFlags)status.Flags;
    }

    /// <summary><c>VFIO_GROUP_SET_CONTAINER</c>: joins <paramref name="container"/>.</summary>
    public void SetContainer(VfioContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        int fd = container.Handle.Fd;
        if (LibC.ioctl(Handle, VfioNative.GroupSetContainer, &fd) < 0)
        {
            throw VfioException.FromLastError($"VFIO_GROUP_SET_CONTAINER of group {Number}",
                "The group must be viable (every device in it bound to vfio-pci or unbound; `fastpath-devbind check <BDF>` names the others) and not already in a container; a container with a different IOMMU backend cannot take it.");
        }

        Container = container;
        container.OnGroupAttached();
    }

    /// <summary><c>VFIO_GROUP_UNSET_CONTAINER</c>: leaves the container. Close the group's devices first.</summary>
    public void UnsetContainer()
    {
        if (LibC.ioctl(Handle, VfioNative.GroupUnsetContainer, 0) < 0)
        {
            throw VfioException.FromLastError($"VFIO_GROUP_UNSET_CONTAINER of group {Number}", "Close every device fd of the group first.");
        }

        Container?.OnGroupDetached();
        Container = null;
    }

    /// <summary><c>VFIO_GROUP_GET_DEVICE_FD</c>: opens device <paramref name="name"/> (a PCI address such as 0000:04:00.0).</summary>
    public VfioDevice OpenDevice(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        int fd;
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = utf8)
        {
            fd = LibC.ioctl(Handle, VfioNative.GroupGetDeviceFd, p);
        }

        if (fd < 0)
        {
            throw VfioException.FromLastError($"VFIO_GROUP_GET_DEVICE_FD({name}) on group {Number}",
                $"The group must be viable and in a container with the IOMMU set, and {name} must belong to group {Number} and be bound to vfio-pci.");
        }

        return new VfioDevice(new FileDescriptorHandle(fd), name);
    }

    /// <summary>Closes the group fd; the kernel detaches it from its container.</summary>
    public void Dispose()
    {
        if (Handle.IsClosed)
        {
            return;
        }

        Handle.Dispose();
        Container?.OnGroupDetached();
        Container = null;
    }
}
