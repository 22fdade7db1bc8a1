namespace FastPath.Vfio.Devices;

/// <summary>A window of a region that can be mmapped, when the region is only partly mappable.</summary>
/// <param name="Offset">The window's offset inside the region.</param>
/// <param name="Size">The window's size in bytes.</param>
public readonly record struct VfioSparseMmapArea(ulong Offset, ulong Size);
