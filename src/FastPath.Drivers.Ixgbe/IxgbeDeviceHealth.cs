using FastPath.Drivers.Ixgbe.Registers;
using FastPath.Linux.Mmio;
using Microsoft.Extensions.Logging;

namespace FastPath.Drivers.Ixgbe;

/// <summary>
/// What an 82599 port learns on its control-path polls (each read of <see cref="IxgbePort{TRegisters}.Link"/>, as a
/// <c>LinkMonitor</c> makes, and each statistics read) that the data path cannot see: the link dropping, a
/// descriptor handler error (EICR.DHER: a descriptor DMA failed, for instance refused by the IOMMU, and the queue
/// stopped), and a surprise removal, where every register reads 0xFFFFFFFF (confirmed on STATUS, which never reads
/// all ones on a present device). Once removal is seen the port touches the device no more. Not thread-safe: the
/// port calls it under its control lock.
/// </summary>
public sealed class IxgbeDeviceHealth
{
    private readonly string _port;
    private readonly ILogger _logger;
    private bool _linkWasUp;

    internal IxgbeDeviceHealth(string port, ILogger logger)
    {
        _port = port;
        _logger = logger;
    }

    /// <summary>Times the link was seen going from up to down.</summary>
    public ulong LinkDownEvents { get; private set; }

    /// <summary>Descriptor handler errors (EICR.DHER) seen: DMA failures that stopped a queue.</summary>
    public ulong DmaErrorEvents { get; private set; }

    /// <summary>Whether the device has gone from the bus; the port no longer touches it.</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>Checks for removal on a read of <paramref name="value"/>: all ones, and STATUS all ones too.</summary>
    /// <returns>Whether the device is gone (now or before).</returns>
    internal bool CheckRemoved<TRegisters>(ref TRegisters registers, uint value)
        where TRegisters : struct, IRegisterAccess
    {
        if (!IsRemoved && value == IxgbeBits.RemovedDeviceRead && registers.Read(IxgbeRegister.DeviceStatus) == IxgbeBits.RemovedDeviceRead)
        {
            IsRemoved = true;
            _logger.LogError("{Port}: the device is gone: its registers read 0xFFFFFFFF (surprise removal or a dead PCIe link); the port stops touching it and releases its buffers without handshakes. Re-attach the device and reopen the port.", _port);
        }

        return IsRemoved;
    }

    /// <summary>Checks for removal by reading STATUS.</summary>
    internal bool CheckRemoved<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess =>
        IsRemoved || CheckRemoved(ref registers, registers.Read(IxgbeRegister.DeviceStatus));

    /// <summary>
    /// Takes a LINKS reading: counts an up-to-down transition, then reads EICR for a descriptor handler error. In
    /// MSI-X mode the queue causes in EICR are auto-cleared on each message (EIAC), so this read takes nothing from
    /// the receive queues' interrupts.
    /// </summary>
    /// <returns>Whether the link is up (false once the device is gone).</returns>
    internal bool ObserveLink<TRegisters>(ref TRegisters registers, uint links)
        where TRegisters : struct, IRegisterAccess
    {
        if (CheckRemoved(ref registers, links))
        {
            return false;
        }

        bool up = (links & IxgbeBits.LinksUp) != 0;
        if (_linkWasUp && !up)
        {
            LinkDownEvents++;
            _logger.LogWarning("{Port}: link down (event {Count}).", _port, LinkDownEvents);
        }
        else if (!_linkWasUp && up && LinkDownEvents > 0)
        {
            _logger.LogInformation("{Port}: link up again.", _port);
        }

        _linkWasUp = up;
        uint cause = registers.Read(IxgbeRegister.InterruptCause);
        if (!CheckRemoved(ref registers, cause) && (cause & IxgbeBits.InterruptDescriptorHandlerError) != 0)
        {
            DmaErrorEvents++;
            _logger.LogError("{Port}: the device reported a descriptor DMA error (EICR.DHER): a queue stopped, its DMA refused (look for an IOMMU fault: dmesg DMAR). Stop and reopen the port.", _port);
        }

        return up && !IsRemoved;
    }
}
