// Each member mirrors the libc function, constant or struct member of the C name it carries; the man pages document them.
#pragma warning disable CS1591

using System.Runtime.InteropServices;

namespace FastPath.Linux.Interop;

/// <summary><c>struct if_nameindex</c>: one entry of the array <c>if_nameindex()</c> returns, ended by a zero index.</summary>
[NativeName("struct if_nameindex")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct InterfaceNameIndex
{
    [NativeName("if_index")]
    public uint Index;

    [NativeName("if_name")]
    public byte* Name;
}
