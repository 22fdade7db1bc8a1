using FastPath.Drivers.Intel.Registers;
using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Drivers.Ixgbe.Statistics;

/// <summary>
/// Folds the 82599's clear-on-read counters (82599 datasheet 8.2.3.23) into 64-bit totals. Every read empties the
/// hardware counter, so each register is read by exactly one <see cref="Accumulate{TRegisters}"/> at a time (the
/// caller serializes). The split octet counters are read low half first; reading the high half clears them.
/// </summary>
public sealed class IxgbeStatisticsAccumulator
{
    private readonly int _queues;
    private readonly ulong[] _queuePacketsReceived;
    private readonly ulong[] _queueBytesReceived;
    private readonly ulong[] _queuePacketsDropped;
    private readonly ulong[] _queuePacketsTransmitted;
    private readonly ulong[] _queueBytesTransmitted;
    private ulong _goodPacketsReceived;
    private ulong _goodPacketsTransmitted;
    private ulong _goodOctetsReceived;
    private ulong _goodOctetsTransmitted;
    private ulong _missedPackets;
    private ulong _crcErrors;
    private ulong _lengthErrors;
    private ulong _undersize;
    private ulong _oversize;

    /// <summary>Creates totals for <paramref name="queues"/> queues (at most 16 have their own counters).</summary>
    public IxgbeStatisticsAccumulator(int queues)
    {
        _queues = Math.Min(queues, IxgbeRegister.QueueStatisticsCount);
        _queuePacketsReceived = new ulong[_queues];
        _queueBytesReceived = new ulong[_queues];
        _queuePacketsDropped = new ulong[_queues];
        _queuePacketsTransmitted = new ulong[_queues];
        _queueBytesTransmitted = new ulong[_queues];
    }

    /// <summary>Maps queue i to statistics counter set i (RQSMR/TQSM, one byte per queue, 82599 8.2.3.8.9 and 8.2.3.9.13).</summary>
    public void MapQueues<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        for (int n = 0; n < IxgbeRegister.QueueStatisticsCount / 4; n++)
        {
            uint value = 0;
            for (int j = 0; j < 4; j++)
            {
                value |= (uint)(4 * n + j) << (8 * j);
            }

            registers.Write(IxgbeRegister.RxQueueStatisticsMapping(n), value);
            registers.Write(IxgbeRegister.TxQueueStatisticsMapping(n), value);
        }
    }

    /// <summary>Reads every counter (clearing it in hardware) and adds it to the totals.</summary>
    public void Accumulate<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        _goodPacketsReceived += registers.Read(IxgbeRegister.GoodPacketsReceived);
        _goodPacketsTransmitted += registers.Read(IxgbeRegister.GoodPacketsTransmitted);
        _goodOctetsReceived += ReadSplit(ref registers, IxgbeRegister.GoodOctetsReceivedLow, IxgbeRegister.GoodOctetsReceivedHigh);
        _goodOctetsTransmitted += ReadSplit(ref registers, IxgbeRegister.GoodOctetsTransmittedLow, IxgbeRegister.GoodOctetsTransmittedHigh);
        _crcErrors += registers.Read(IxgbeRegister.CrcErrorCount);
        _lengthErrors += registers.Read(IxgbeRegister.LengthErrorCount);
        _undersize += registers.Read(IxgbeRegister.UndersizeCount);
        _oversize += registers.Read(IxgbeRegister.OversizeCount);
        for (int i = 0; i < IxgbeRegister.MissedPacketCounters; i++)
        {
            _missedPackets += registers.Read(IxgbeRegister.MissedPackets(i));
        }

        for (int q = 0; q < _queues; q++)
        {
            _queuePacketsReceived[q] += registers.Read(IxgbeRegister.QueuePacketsReceived(q));
            _queueBytesReceived[q] += ReadSplit(ref registers, IxgbeRegister.QueueBytesReceivedLow(q), IxgbeRegister.QueueBytesReceivedHigh(q));
            _queuePacketsDropped[q] += registers.Read(IxgbeRegister.QueuePacketsDropped(q));
            _queuePacketsTransmitted[q] += registers.Read(IxgbeRegister.QueuePacketsTransmitted(q));
            _queueBytesTransmitted[q] += ReadSplit(ref registers, IxgbeRegister.QueueBytesTransmittedLow(q), IxgbeRegister.QueueBytesTransmittedHigh(q));
        }
    }

    /// <summary>MPC so far: frames missed for want of receive buffer space.</summary>
    public ulong MissedPackets => _missedPackets;

    /// <summary>CRCERRS, RLEC, RUC and ROC so far: frames received with a bad CRC or length, too short or too long.</summary>
    public ulong FrameErrors => _crcErrors + _lengthErrors + _undersize + _oversize;

    /// <summary>Each queue's dropped-frame count so far, read in place (no copy).</summary>
    public ReadOnlySpan<ulong> QueuePacketsDropped => _queuePacketsDropped;

    /// <summary>The totals so far.</summary>
    public IxgbeHardwareStatistics Snapshot() => new()
    {
        GoodPacketsReceived = _goodPacketsReceived,
        GoodPacketsTransmitted = _goodPacketsTransmitted,
        GoodOctetsReceived = _goodOctetsReceived,
        GoodOctetsTransmitted = _goodOctetsTransmitted,
        MissedPackets = _missedPackets,
        CrcErrors = _crcErrors,
        LengthErrors = _lengthErrors,
        UndersizeFrames = _undersize,
        OversizeFrames = _oversize,
        QueuePacketsReceived = [.. _queuePacketsReceived],
        QueueBytesReceived = [.. _queueBytesReceived],
        QueuePacketsDropped = [.. _queuePacketsDropped],
        QueuePacketsTransmitted = [.. _queuePacketsTransmitted],
        QueueBytesTransmitted = [.. _queueBytesTransmitted],
    };

    private static ulong ReadSplit<TRegisters>(ref TRegisters registers, uint low, uint high)
        where TRegisters : struct, IRegisterAccess
    {
        ulong value = registers.Read(low);
        return value | ((ulong)registers.Read(high) << 32);
    }
}
