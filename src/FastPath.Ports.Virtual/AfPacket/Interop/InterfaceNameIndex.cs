using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfPacket.Interop;

/// <summary><c>struct if_nameindex</c>: one entry of the array <c>if_nameindex()</c> returns, ended by a zero index.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InterfaceNameIndex
{
    public uint Index;
    public byte* Name;
}
