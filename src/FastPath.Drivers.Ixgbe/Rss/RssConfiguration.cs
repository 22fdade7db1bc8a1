using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Intel.Rss;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Ixgbe.Rss;

/// <summary>
/// Receive-side scaling setup (82599 datasheet 7.1.2.8 and 4.6.10.1): the Toeplitz key goes to RSSRK, the
/// redirection table maps the hash's low 7 bits to queues (RETA), MRQC enables RSS and selects the hashed fields.
/// </summary>
public sealed record RssConfiguration
{
    /// <summary>Entries in the redirection table.</summary>
    public const int RedirectionTableSize = 128;

    /// <summary>The 40-byte Toeplitz key; defaults to <see cref="ToeplitzHash.VerificationKey"/>.</summary>
    public byte[] Key { get; init; } = ToeplitzHash.VerificationKey.ToArray();

    /// <summary>The hashed fields.</summary>
    public RssHashFields Fields { get; init; } = RssHashFields.All;

    /// <summary>The queue of redirection table entry <c>hash &amp; 127</c>; entry i maps to queue i mod queue count.</summary>
    public static int QueueOf(uint hash, int queueCount) => (int)(hash & (RedirectionTableSize - 1)) % queueCount;

    /// <summary>Programs RSSRK, RETA and MRQC for <paramref name="queueCount"/> queues.</summary>
    public void Apply<TRegisters>(ref TRegisters registers, int queueCount)
        where TRegisters : struct, IRegisterAccess
    {
        if (Key.Length != ToeplitzHash.KeyLength)
        {
            throw new ArgumentException($"An RSS key has {ToeplitzHash.KeyLength} bytes; {Key.Length} were given.");
        }

        // RSSRK(n) holds key bytes 4n..4n+3, byte 4n in bits 7:0 (82599 8.2.3.7.14).
        for (int i = 0; i < IxgbeRegister.RssKeyCount; i++)
        {
            registers.Write(IxgbeRegister.RssKey(i), (uint)(Key[4 * i] | Key[4 * i + 1] << 8 | Key[4 * i + 2] << 16 | Key[4 * i + 3] << 24));
        }

        // RETA(n) holds entries 4n..4n+3, one byte each, queue index in bits 3:0 (82599 8.2.3.7.13).
        for (int i = 0; i < IxgbeRegister.RedirectionTableCount; i++)
        {
            uint value = 0;
            for (int j = 0; j < 4; j++)
            {
                value |= (uint)((4 * i + j) % queueCount) << (8 * j);
            }

            registers.Write(IxgbeRegister.RedirectionTable(i), value);
        }

        uint mrqc = 0;
        if (queueCount > 1 && Fields != RssHashFields.None)
        {
            mrqc = IxgbeBits.MrqcRssEnable;
            mrqc |= (Fields & RssHashFields.IPv4) != 0 ? IxgbeBits.MrqcIPv4 : 0;
            mrqc |= (Fields & RssHashFields.IPv4Tcp) != 0 ? IxgbeBits.MrqcIPv4Tcp : 0;
            mrqc |= (Fields & RssHashFields.IPv4Udp) != 0 ? IxgbeBits.MrqcIPv4Udp : 0;
            mrqc |= (Fields & RssHashFields.IPv6) != 0 ? IxgbeBits.MrqcIPv6 : 0;
            mrqc |= (Fields & RssHashFields.IPv6Tcp) != 0 ? IxgbeBits.MrqcIPv6Tcp : 0;
            mrqc |= (Fields & RssHashFields.IPv6Udp) != 0 ? IxgbeBits.MrqcIPv6Udp : 0;
        }

        registers.Write(IxgbeRegister.MultipleReceiveQueuesCommand, mrqc);
    }
}
