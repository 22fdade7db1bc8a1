using FastPath.Ports;

namespace FastPath.Hosting.Cli;

/// <summary>Applies <c>--mtu</c> to opened ports, each checked against what it can do (<see cref="PortConfiguration.Validate"/>).</summary>
public static class PortMtu
{
    /// <summary>
    /// Configures every port of <paramref name="ports"/> (opened, not started) with <paramref name="mtu"/>; 0 leaves
    /// them as they are. A frame past one receive buffer (<see cref="PortInfo.MaxRxSegmentSize"/>) turns on
    /// <see cref="RxOffloads.Scatter"/> where the port offers it. A port that cannot be reconfigured keeps its own MTU
    /// when the frame fits what it carries anyway (ring, null, pcap).
    /// </summary>
    /// <exception cref="UsageException">A port cannot take the MTU; the message names the port and its limit.</exception>
    public static void Apply(IReadOnlyList<IPort> ports, int mtu)
    {
        ArgumentNullException.ThrowIfNull(ports);
        if (mtu == 0)
        {
            return;
        }

        foreach (IPort port in ports)
        {
            PortInfo info = port.Info;
            PortConfiguration current = port.Configuration;
            PortConfiguration wanted = current with { Mtu = mtu };
            bool pastOneBuffer = info.MaxRxSegmentSize != 0 && wanted.MaxFrameSize > info.MaxRxSegmentSize;
            if (pastOneBuffer && (info.RxOffloads & RxOffloads.Scatter) != 0)
            {
                wanted = wanted with { RxOffloads = (current.RxOffloads ?? info.RxOffloads) | RxOffloads.Scatter };
            }

            try
            {
                if (info.Supports(PortCapabilities.Reconfigure))
                {
                    port.Configure(wanted);
                }
                else if (info.Supports(PortCapabilities.Mtu))
                {
                    port.SetMtu(mtu);
                }
                else if (wanted.MaxFrameSize <= info.MaxFrameSize)
                {
                    // Nothing to configure: the port carries every frame up to its largest.
                    wanted.Validate(port);
                }
                else
                {
                    // The port's own refusal says why (AF_XDP names the kernel it would need).
                    port.Configure(wanted);
                }
            }
            catch (Exception exception) when (exception is ArgumentException or PortCapabilityException or InvalidOperationException)
            {
                throw new UsageException($"--mtu {mtu}: {ErrorText.OneLine(exception)}", exception);
            }
        }
    }
}
