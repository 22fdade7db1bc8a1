namespace FastPath.Ports;

/// <summary>The control operations of <see cref="IPort"/> a port supports (<see cref="PortInfo.Capabilities"/>).</summary>
[Flags]
public enum PortCapabilities
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><see cref="IPort.SetPromiscuous"/>.</summary>
    Promiscuous = 1 << 0,

    /// <summary><see cref="IPort.SetAllMulticast"/>.</summary>
    AllMulticast = 1 << 1,

    /// <summary><see cref="IPort.SetMacAddress"/>.</summary>
    MacAddress = 1 << 2,

    /// <summary><see cref="IPort.SetMtu"/>.</summary>
    Mtu = 1 << 3,

    /// <summary><see cref="IPort.Configure"/>: queues, rings and MTU change between stop and start.</summary>
    Reconfigure = 1 << 5,

    /// <summary>Receive queues expose a wake source for idle mode (<see cref="IRxQueue.WakeSource"/>).</summary>
    WakeSource = 1 << 4,

    /// <summary><see cref="IPort.SetVlanFilter"/>: a VLAN filter table.</summary>
    VlanFilter = 1 << 6,
}
