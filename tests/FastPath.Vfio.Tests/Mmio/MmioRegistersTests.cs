using System.Runtime.InteropServices;
using FastPath.Linux.Mmio;
using FastPath.Vfio.Mmio;

namespace FastPath.Vfio.Tests.Mmio;

public sealed unsafe class MmioRegistersTests
{
    [Fact]
    public void Reads_and_writes_every_width_little_endian()
    {
        byte* memory = (byte*)NativeMemory.AllocZeroed(64);
        try
        {
            var registers = new MmioRegisters(memory, 64);
            registers.Write32(0x8, 0x11223344);
            registers.Write64(0x10, 0x0102030405060708);
            registers.Write16(0x20, 0xBEEF);
            registers.Write8(0x22, 0x5A);
            Assert.Equal(0x11223344u, registers.Read32(0x8));
            Assert.Equal(0x3344, registers.Read16(0x8));
            Assert.Equal(0x44, registers.Read8(0x8));
            Assert.Equal(0x0102030405060708UL, registers.Read64(0x10));
            Assert.Equal(0x05060708u, registers.Read32(0x10));
            Assert.Equal(0x5ABEEFu, registers.Read32(0x20));
            Assert.True(registers.IsMapped);
            Assert.False(default(MmioRegisters).IsMapped);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }
}
