using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary><c>struct bpf_insn</c>: an opcode, destination and source registers in one byte, an offset and an immediate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct BpfInstruction
{
    public readonly byte Opcode;
    public readonly byte Registers;
    public readonly short Offset;
    public readonly int Immediate;

    public BpfInstruction(byte opcode, int destination, int source, short offset, int immediate)
    {
        Opcode = opcode;
        Registers = (byte)((source << 4) | destination);
        Offset = offset;
        Immediate = immediate;
    }
}
