using System.Runtime.CompilerServices;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>Register access to a simulated 82599: every read and write goes to the model, which reacts as the device would.</summary>
public readonly struct ModelRegisters : IRegisterAccess
{
    private readonly Ixgbe82599Model _model;

    /// <summary>Accesses the registers of <paramref name="model"/>.</summary>
    public ModelRegisters(Ixgbe82599Model model) => _model = model;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read(uint offset) => _model.ReadRegister(offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(uint offset, uint value) => _model.WriteRegister(offset, value);
}
