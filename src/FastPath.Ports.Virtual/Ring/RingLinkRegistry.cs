namespace FastPath.Ports.Virtual.Ring;

/// <summary>The process-wide table of named ring links, so that two ports opened as <c>ring:name</c> meet.</summary>
internal static class RingLinkRegistry
{
    private static readonly Dictionary<string, RingLink> s_links = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    /// <summary>Attaches to a free end of link <paramref name="name"/>, creating the link if needed.</summary>
    /// <exception cref="InvalidOperationException">Both ends are open, or the link was created with other options.</exception>
    public static (RingLink Link, int End) Attach(string name, RingPortOptions options)
    {
        lock (s_lock)
        {
            if (!s_links.TryGetValue(name, out RingLink? link))
            {
                link = new RingLink(name, options, isNamed: true);
                s_links.Add(name, link);
            }
            else if (link.Options.QueueCount != options.QueueCount || link.Options.RingSize != options.RingSize)
            {
                throw new InvalidOperationException(
                    $"Ring link '{name}' exists with {link.Options.QueueCount} queues of {link.Options.RingSize} slots, but was opened with {options.QueueCount} queues of {options.RingSize} slots. Open both ends with the same RingPortOptions.");
            }

            int end = link.TryAttach();
            if (end < 0)
            {
                throw new InvalidOperationException($"Both ends of ring link '{name}' are open already; dispose one of its ports before opening it again.");
            }

            return (link, end);
        }
    }

    /// <summary>
    /// Detaches end <paramref name="end"/> of a named link, and forgets the link once both ends are gone. The
    /// registry lock is taken before the link's own, as in <see cref="Attach"/>.
    /// </summary>
    /// <returns>How many packets waiting for this end were freed.</returns>
    public static int Detach(RingLink link, int end)
    {
        lock (s_lock)
        {
            int dropped = link.Detach(end);
            if (link.IsReleased)
            {
                s_links.Remove(link.Name);
            }

            return dropped;
        }
    }
}
