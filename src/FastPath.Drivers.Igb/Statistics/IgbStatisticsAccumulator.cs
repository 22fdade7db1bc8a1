using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Igb.Statistics;

/// <summary>
/// Folds the 82576's clear-on-read statistics registers (82576 datasheet 8.19) into 64-bit totals. Each read
/// returns what the device counted since the previous read, so every counter is read by this accumulator only;
/// reading often enough (the 32-bit ones wrap after ~2^32 frames, hours at line rate) keeps the totals exact.
/// </summary>
public sealed class IgbStatisticsAccumulator
{
    /// <summary>CRCERRS, CRC error count (8.19.1).</summary>
    internal const uint CrcErrorCount = 0x04000;

    /// <summary>RXERRC, receive error count (8.19.4).</summary>
    internal const uint ReceiveErrorCount = 0x0400C;

    /// <summary>MPC, missed packets count (8.19.5).</summary>
    internal const uint MissedPacketCount = 0x04010;

    /// <summary>RLEC, receive length error count (8.19.12).</summary>
    internal const uint LengthErrorCount = 0x04040;

    /// <summary>GPRC, good packets received count (8.19.21).</summary>
    internal const uint GoodPacketsReceivedCount = 0x04074;

    /// <summary>BPRC, broadcast packets received count (8.19.22).</summary>
    internal const uint BroadcastPacketsReceivedCount = 0x04078;

    /// <summary>MPRC, multicast packets received count (8.19.23).</summary>
    internal const uint MulticastPacketsReceivedCount = 0x0407C;

    /// <summary>GPTC, good packets transmitted count (8.19.24).</summary>
    internal const uint GoodPacketsTransmittedCount = 0x04080;

    /// <summary>GORCL, good octets received count, low 32 bits; GORCH at +4 (8.19.25, 8.19.26; read low, then high).</summary>
    internal const uint GoodOctetsReceivedLow = 0x04088;

    /// <summary>GOTCL, good octets transmitted count, low 32 bits; GOTCH at +4 (8.19.27, 8.19.28).</summary>
    internal const uint GoodOctetsTransmittedLow = 0x04090;

    /// <summary>RNBC, receive no buffers count (8.19.29).</summary>
    internal const uint NoBufferCount = 0x040A0;

    /// <summary>TPR, total packets received (8.19.37).</summary>
    internal const uint TotalPacketsReceivedCount = 0x040D0;

    /// <summary>TPT, total packets transmitted (8.19.38).</summary>
    internal const uint TotalPacketsTransmittedCount = 0x040D4;

    private readonly ulong[] _queueDropped;
    private ulong _goodPacketsReceived;
    private ulong _goodOctetsReceived;
    private ulong _goodPacketsTransmitted;
    private ulong _goodOctetsTransmitted;
    private ulong _totalPacketsReceived;
    private ulong _totalPacketsTransmitted;
    private ulong _broadcastPacketsReceived;
    private ulong _multicastPacketsReceived;
    private ulong _crcErrors;
    private ulong _lengthErrors;
    private ulong _receiveErrors;
    private ulong _missedPackets;
    private ulong _noBuffer;

    /// <summary>Accumulates the device counters and the drop counters of the first <paramref name="queueCount"/> receive queues.</summary>
    public IgbStatisticsAccumulator(int queueCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queueCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queueCount, IgbRegister.QueueCount);
        _queueDropped = new ulong[queueCount];
    }

    /// <summary>Reads every counter once (clearing it in the device) and adds it to the totals.</summary>
    public void Accumulate<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        _goodPacketsReceived += registers.Read(GoodPacketsReceivedCount);
        _goodOctetsReceived += ReadOctets(ref registers, GoodOctetsReceivedLow);
        _goodPacketsTransmitted += registers.Read(GoodPacketsTransmittedCount);
        _goodOctetsTransmitted += ReadOctets(ref registers, GoodOctetsTransmittedLow);
        _totalPacketsReceived += registers.Read(TotalPacketsReceivedCount);
        _totalPacketsTransmitted += registers.Read(TotalPacketsTransmittedCount);
        _broadcastPacketsReceived += registers.Read(BroadcastPacketsReceivedCount);
        _multicastPacketsReceived += registers.Read(MulticastPacketsReceivedCount);
        _crcErrors += registers.Read(CrcErrorCount);
        _lengthErrors += registers.Read(LengthErrorCount);
        _receiveErrors += registers.Read(ReceiveErrorCount);
        _missedPackets += registers.Read(MissedPacketCount);
        _noBuffer += registers.Read(NoBufferCount);
        for (int q = 0; q < _queueDropped.Length; q++)
        {
            _queueDropped[q] += registers.Read(IgbRegister.RxQueueDropCount(q));
        }
    }

    /// <summary>MPC so far: frames missed for want of receive buffer space.</summary>
    public ulong MissedPackets => _missedPackets;

    /// <summary>CRCERRS plus RLEC so far: frames received with a bad CRC or length.</summary>
    public ulong FrameErrors => _crcErrors + _lengthErrors;

    /// <summary>Each queue's dropped-frame count so far, read in place (no copy).</summary>
    public ReadOnlySpan<ulong> QueuePacketsDropped => _queueDropped;

    /// <summary>The totals so far.</summary>
    public IgbHardwareStatistics Snapshot() => new()
    {
        GoodPacketsReceived = _goodPacketsReceived,
        GoodOctetsReceived = _goodOctetsReceived,
        GoodPacketsTransmitted = _goodPacketsTransmitted,
        GoodOctetsTransmitted = _goodOctetsTransmitted,
        TotalPacketsReceived = _totalPacketsReceived,
        TotalPacketsTransmitted = _totalPacketsTransmitted,
        BroadcastPacketsReceived = _broadcastPacketsReceived,
        MulticastPacketsReceived = _multicastPacketsReceived,
        CrcErrors = _crcErrors,
        LengthErrors = _lengthErrors,
        ReceiveErrors = _receiveErrors,
        MissedPackets = _missedPackets,
        NoBuffer = _noBuffer,
        QueuePacketsDropped = _queueDropped.ToArray(),
    };

    /// <summary>A 64-bit octet counter: the low register first, then the high one, whose read clears both (8.19.25).</summary>
    private static ulong ReadOctets<TRegisters>(ref TRegisters registers, uint lowOffset)
        where TRegisters : struct, IRegisterAccess
    {
        uint low = registers.Read(lowOffset);
        uint high = registers.Read(lowOffset + 4);
        return low | (ulong)high << 32;
    }
}
