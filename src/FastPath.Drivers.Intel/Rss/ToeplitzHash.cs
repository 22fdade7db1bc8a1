namespace FastPath.Drivers.Intel.Rss;

/// <summary>
/// The Toeplitz hash the Intel NICs compute for receive-side scaling (82599 datasheet 7.1.2.8.1; 82576 datasheet
/// 7.1.1.6): for every set bit of the input, from the most significant bit of the first byte on, the 32-bit window
/// of the key starting at that bit is XORed into the result.
/// </summary>
public static class ToeplitzHash
{
    /// <summary>Bytes in an RSS key.</summary>
    public const int KeyLength = 40;

    /// <summary>
    /// The key of Microsoft's RSS verification suite (learn.microsoft.com, "Verifying the RSS Hash Calculation"),
    /// also the 82599 datasheet's example key (7.1.2.8.3) and DPDK's default.
    /// </summary>
    public static ReadOnlySpan<byte> VerificationKey =>
    [
        0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
        0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
        0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
    ];

    /// <summary>Hashes <paramref name="input"/> (addresses then ports, in wire order) under <paramref name="key"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        if (key.Length < input.Length + 4)
        {
            throw new ArgumentException($"A {key.Length}-byte key hashes at most {key.Length - 4} input bytes; {input.Length} were given.", nameof(key));
        }

        uint result = 0;
        uint window = (uint)(key[0] << 24 | key[1] << 16 | key[2] << 8 | key[3]);
        for (int i = 0; i < input.Length; i++)
        {
            byte next = key[i + 4];
            for (int bit = 7; bit >= 0; bit--)
            {
                if ((input[i] & (1 << bit)) != 0)
                {
                    result ^= window;
                }

                window = (window << 1) | (uint)((next >> bit) & 1);
            }
        }

        return result;
    }
}
