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
                link = new RingLink(name, options, Remove);
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

    private static void Remove(RingLink link)
    {
        lock (s_lock)
        {
            if (s_links.TryGetValue(link.Name, out RingLink? registered) && ReferenceEquals(registered, link))
            {
                s_links.Remove(link.Name);
            }
        }
    }
}
