using FastPath.Net;

namespace FastPath.Drivers.Ixgbe.Model.Ports;

/// <summary>The process-wide table of named <c>sim:ixgbe</c> links.</summary>
internal static class SimulatedLinkRegistry
{
    private static readonly Dictionary<string, SimulatedLink> s_links = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();
    private static int s_devices;

    /// <summary>Attaches to a free end of link <paramref name="name"/>, creating the link (two cabled devices) if needed.</summary>
    /// <exception cref="InvalidOperationException">Both ends are open.</exception>
    public static (SimulatedLink Link, int End) Attach(string name)
    {
        lock (s_lock)
        {
            if (!s_links.TryGetValue(name, out SimulatedLink? link))
            {
                link = new SimulatedLink(name, CreateDevice(name, 0), CreateDevice(name, 1));
                s_links.Add(name, link);
            }

            int end = link.TryAttach();
            if (end < 0)
            {
                throw new InvalidOperationException($"Both ends of sim:ixgbe link '{name}' are open already; a link joins two ports, so give the third port another link=NAME.");
            }

            return (link, end);
        }
    }

    /// <summary>Detaches <paramref name="end"/>, and forgets the link once both ends are gone.</summary>
    public static void Detach(SimulatedLink link, int end)
    {
        lock (s_lock)
        {
            link.Detach(end);
            if (link.IsReleased)
            {
                s_links.Remove(link.Name);
            }
        }
    }

    /// <summary>Whether the other end of <paramref name="link"/> than <paramref name="end"/> is open.</summary>
    public static bool IsPeerAttached(SimulatedLink link, int end)
    {
        lock (s_lock)
        {
            return link.IsPeerAttached(end);
        }
    }

    // Locally administered MACs 02:00:00:99:NN:NN, one per device in the process.
    private static SimulatedIxgbeDevice CreateDevice(string link, int end) =>
        new($"sim:ixgbe:link={link}/{end}", new MacAddress(0x02_00_00_99_00_00UL | (uint)(++s_devices & 0xFFFF)));
}
