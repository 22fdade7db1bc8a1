using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Igb.Tests.Fakes;

/// <summary>Register access over a <see cref="RegisterFile"/>, for the driver's generic code.</summary>
public readonly struct FakeRegisters(RegisterFile file) : IRegisterAccess
{
    public RegisterFile File { get; } = file;

    public uint Read(uint offset) => File.Read(offset);

    public void Write(uint offset, uint value) => File.Write(offset, value);
}
