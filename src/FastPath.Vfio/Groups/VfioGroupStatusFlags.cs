using FastPath.Linux.Interop;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Groups;

/// <summary>The flags <c>VFIO_GROUP_GET_STATUS</c> reports.</summary>
[Flags]
public enum VfioGroupStatusFlags : uint
{
    /// <summary>No flag set: the group is not viable.</summary>
    None = 0,

    /// <summary>Every device of the group is bound to a VFIO driver (or none): the group may be used.</summary>
    [NativeName("VFIO_GROUP_FLAGS_VIABLE")]
    Viable = 1 << 0,

    /// <summary>The group has joined a container.</summary>
    [NativeName("VFIO_GROUP_FLAGS_CONTAINER_SET")]
    ContainerSet = 1 << 1,
}
