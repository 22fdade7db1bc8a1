namespace FastPath.Linux.Interop;

/// <summary>
/// Names the C definition (macro, enumerator, <c>struct</c> or member) a C# constant, enum member, struct or field
/// mirrors. The header-check test compiles every name against the system headers and compares values, sizes and
/// offsets, so the C# definitions are the single source and the kernel headers the judge.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NativeNameAttribute(string name) : Attribute
{
    /// <summary>The C spelling, e.g. <c>VFIO_GET_API_VERSION</c>, <c>struct vfio_group_status</c> or <c>argsz</c>.</summary>
    public string Name { get; } = name;
}
