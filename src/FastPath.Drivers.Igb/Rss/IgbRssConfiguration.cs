using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rss;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Igb.Rss;

/// <summary>
/// Receive-side scaling on the 82576 (datasheet 7.1.1.7): the 40-byte Toeplitz key in RSSRK, a 128-entry
/// redirection table (RETA) indexed by the hash's low 7 bits, and MRQC enabling RSS over IPv4/IPv6 with TCP and UDP
/// ports. RXCSUM.PCSD must be set so that descriptors carry the hash (7.1.1.7.1).
/// </summary>
public sealed record IgbRssConfiguration
{
    /// <summary>Entries in the redirection table.</summary>
    public const int RedirectionTableSize = 128;

    /// <summary>The hashed fields MRQC selects: addresses, plus TCP and UDP ports, for IPv4 and IPv6.</summary>
    public const uint HashedFields = IgbBits.MrqcFieldIPv4 | IgbBits.MrqcFieldIPv4Tcp | IgbBits.MrqcFieldIPv4Udp
        | IgbBits.MrqcFieldIPv6 | IgbBits.MrqcFieldIPv6Tcp | IgbBits.MrqcFieldIPv6Udp;

    /// <summary>The Toeplitz key; defaults to <see cref="ToeplitzHash.VerificationKey"/>.</summary>
    public byte[] Key { get; init; } = ToeplitzHash.VerificationKey.ToArray();

    /// <summary>The queue the redirection table sends hash <paramref name="hash"/> to: entry i holds i mod queue count.</summary>
    public static int QueueOf(uint hash, int queueCount) => (int)(hash & (RedirectionTableSize - 1)) % queueCount;

    /// <summary>Programs RSSRK, RETA and MRQC for <paramref name="queueCount"/> queues; one queue disables RSS (MRQC 0).</summary>
    public void Apply<TRegisters>(ref TRegisters registers, int queueCount)
        where TRegisters : struct, IRegisterAccess
    {
        if (Key.Length != ToeplitzHash.KeyLength)
        {
            throw new ArgumentException($"An RSS key has {ToeplitzHash.KeyLength} bytes; {Key.Length} were given.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(queueCount, 1);
        if (queueCount == 1)
        {
            registers.Write(IgbRegister.MultipleReceiveQueuesCommand, 0);
            return;
        }

        // RSSRK[n] holds key bytes 4n..4n+3, byte 4n in bits 7:0 (8.10.11).
        for (int i = 0; i < IgbRegister.RssKeyCount; i++)
        {
            registers.Write(IgbRegister.RssKey(i), (uint)(Key[4 * i] | Key[4 * i + 1] << 8 | Key[4 * i + 2] << 16 | Key[4 * i + 3] << 24));
        }

        // RETA[n] holds entries 4n..4n+3, one byte each, the queue index in the entry's low bits (8.10.10).
        for (int i = 0; i < IgbRegister.RedirectionTableCount; i++)
        {
            uint value = 0;
            for (int b = 0; b < 4; b++)
            {
                value |= (uint)((4 * i + b) % queueCount) << (8 * b);
            }

            registers.Write(IgbRegister.RedirectionTable(i), value);
        }

        registers.Write(IgbRegister.ReceiveChecksumControl, registers.Read(IgbRegister.ReceiveChecksumControl) | IgbBits.ChecksumPacketChecksumDisable);
        registers.Write(IgbRegister.MultipleReceiveQueuesCommand, IgbBits.MrqcEnableRss | HashedFields);
    }
}
