using System.Numerics;
using FastPath.Drivers.Intel.Descriptors;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// Where a device puts the three receive errors in the high bits of <see cref="AdvancedRxDescriptor.StatusError"/>.
/// The 82599 and the 82576 share the advanced descriptor but not these positions, so each receive queue builds its
/// <see cref="RxFlagTable"/> from its device's layout when it is created; decoding then costs the same on both.
/// </summary>
public readonly record struct RxErrorLayout
{
    /// <summary>The status/error bits every error must sit in: 29, 30 and 31.</summary>
    public const uint ErrorBits = 0xE000_0000;

    /// <summary>The 82599's layout: RXE 29, L4E 30, IPE 31 (82599 datasheet 7.1.6.2; ixgbe_type.h IXGBE_RXDADV_ERR_USE/TCPE/IPE).</summary>
    public static RxErrorLayout Ixgbe82599 { get; } = new(AdvancedRxStatus.FrameError, AdvancedRxStatus.IpChecksumError, AdvancedRxStatus.L4ChecksumError);

    /// <summary>The 82576's layout: L4E 29, IPE 30, RXE 31 (82576 datasheet 7.1.5.2; e1000_defines.h E1000_RXDEXT_STATERR_TCPE/IPE/RXE).</summary>
    public static RxErrorLayout Igb82576 { get; } = new(AdvancedRxStatus.FrameError82576, AdvancedRxStatus.IpChecksumError82576, AdvancedRxStatus.L4ChecksumError82576);

    /// <summary>Describes a layout; the three masks must be distinct single bits among <see cref="ErrorBits"/>.</summary>
    /// <param name="frameError">RXE: a MAC error in a frame stored despite it; such a frame is dropped.</param>
    /// <param name="ipChecksumError">IPE: a bad IPv4 header checksum.</param>
    /// <param name="l4ChecksumError">L4E: a bad TCP/UDP checksum.</param>
    public RxErrorLayout(uint frameError, uint ipChecksumError, uint l4ChecksumError)
    {
        if ((frameError | ipChecksumError | l4ChecksumError) != ErrorBits ||
            BitOperations.PopCount(frameError) != 1 || BitOperations.PopCount(ipChecksumError) != 1 || BitOperations.PopCount(l4ChecksumError) != 1)
        {
            throw new ArgumentException($"The receive error bits must be bits 29, 30 and 31, one each; 0x{frameError:x8}, 0x{ipChecksumError:x8} and 0x{l4ChecksumError:x8} were given.");
        }

        FrameError = frameError;
        IpChecksumError = ipChecksumError;
        L4ChecksumError = l4ChecksumError;
    }

    /// <summary>RXE: the MAC error bit.</summary>
    public uint FrameError { get; }

    /// <summary>IPE: the IPv4 header checksum error bit.</summary>
    public uint IpChecksumError { get; }

    /// <summary>L4E: the TCP/UDP checksum error bit.</summary>
    public uint L4ChecksumError { get; }

    /// <summary>The status bits a frame deliverable in one buffer has exactly <see cref="AdvancedRxStatus.GoodFrameValue"/> in: DD, EOP and RXE.</summary>
    public uint GoodFrameMask => AdvancedRxStatus.DescriptorDone | AdvancedRxStatus.EndOfPacket | FrameError;
}
