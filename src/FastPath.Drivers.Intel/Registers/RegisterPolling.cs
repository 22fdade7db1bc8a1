using System.Diagnostics;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Intel.Registers;

/// <summary>Waits for register bits to reach a value, as the datasheets' initialization handshakes require.</summary>
public static class RegisterPolling
{
    private const int SpinIterations = 64;

    /// <summary>
    /// Reads the register at <paramref name="offset"/> until <c>(value &amp; mask) == expected</c> or
    /// <paramref name="timeout"/> passes. Spins briefly, then sleeps a millisecond between reads.
    /// </summary>
    /// <returns>Whether the bits reached the expected value in time.</returns>
    public static bool WaitFor<TRegisters>(ref TRegisters registers, uint offset, uint mask, uint expected, TimeSpan timeout)
        where TRegisters : struct, IRegisterAccess
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        for (int attempt = 0; ; attempt++)
        {
            if ((registers.Read(offset) & mask) == expected)
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            if (attempt < SpinIterations)
            {
                Thread.SpinWait(16);
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>
    /// Like <see cref="WaitFor{TRegisters}"/>, but throws a <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> when the bits do not settle.
    /// </summary>
    public static void WaitOrThrow<TRegisters>(ref TRegisters registers, uint offset, uint mask, uint expected, TimeSpan timeout, string what)
        where TRegisters : struct, IRegisterAccess
    {
        if (!WaitFor(ref registers, offset, mask, expected, timeout))
        {
            throw new TimeoutException(
                $"{what}: register 0x{offset:x5} reads 0x{registers.Read(offset):x8}; bits 0x{mask:x8} did not become 0x{expected:x8} within {timeout.TotalMilliseconds} ms.");
        }
    }
}
