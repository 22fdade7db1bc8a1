using System.Diagnostics;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Igb.Phy;

/// <summary>
/// PHY register access through the MDI control register (82576 datasheet 8.2.6 and 3.5.2.2): software writes the
/// operation, PHY address and register (and data for a write) to MDIC in one store, then polls MDIC.R (ready); MDIC.E
/// reports a failed transaction, and a read's result is in MDIC's low 16 bits.
/// </summary>
/// <typeparam name="TRegisters">The register access.</typeparam>
public struct MdioBus<TRegisters>
    where TRegisters : struct, IRegisterAccess
{
    private TRegisters _registers;
    private readonly TimeSpan _timeout;

    /// <summary>Talks to the internal PHY behind <paramref name="registers"/>; each transaction may take <paramref name="timeout"/>.</summary>
    public MdioBus(TRegisters registers, TimeSpan timeout)
    {
        _registers = registers;
        _timeout = timeout;
    }

    /// <summary>Reads PHY register <paramref name="register"/>.</summary>
    /// <exception cref="TimeoutException">MDIC.R did not come up in time.</exception>
    /// <exception cref="InvalidOperationException">The PHY reported an error (MDIC.E).</exception>
    public ushort Read(int register) => (ushort)(Transact(IgbBits.MdicOpRead, register, 0) & IgbBits.MdicDataMask);

    /// <summary>Writes <paramref name="value"/> to PHY register <paramref name="register"/>.</summary>
    /// <exception cref="TimeoutException">MDIC.R did not come up in time.</exception>
    /// <exception cref="InvalidOperationException">The PHY reported an error (MDIC.E).</exception>
    public void Write(int register, ushort value) => Transact(IgbBits.MdicOpWrite, register, value);

    private uint Transact(uint operation, int register, ushort data)
    {
        if ((uint)register > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(register), $"A clause 22 PHY register number is 0 to 31; {register} was given.");
        }

        uint command = operation | ((uint)register << IgbBits.MdicRegisterShift) | (IgbBits.InternalPhyAddress << IgbBits.MdicPhyShift) | data;
        _registers.Write(IgbRegister.MdiControl, command);
        long deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            uint mdic = _registers.Read(IgbRegister.MdiControl);
            if ((mdic & IgbBits.MdicError) != 0)
            {
                throw new InvalidOperationException($"MDIC reported an error for PHY register {register} (MDIC 0x{mdic:x8}).");
            }

            if ((mdic & IgbBits.MdicReady) != 0)
            {
                return mdic;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"MDIC did not report ready for PHY register {register} within {_timeout.TotalMilliseconds} ms (MDIC 0x{mdic:x8}).");
            }

            Thread.SpinWait(64);
        }
    }
}
