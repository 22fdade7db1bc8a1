namespace FastPath.Vfio.Tests.HeaderCheck;

/// <summary>One number the C# side claims about a C definition: a constant's value, a struct's size, a field's offset or size.</summary>
/// <param name="Key">How the C program prints it, e.g. "VFIO_GET_API_VERSION" or "offsetof(struct vfio_group_status, flags)".</param>
/// <param name="CExpression">The C expression that computes it.</param>
/// <param name="Expected">The C# value.</param>
/// <param name="Source">Where the C# value comes from, for messages.</param>
public sealed record NativeDefinition(string Key, string CExpression, ulong Expected, string Source);
