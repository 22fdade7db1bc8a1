using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace L3Router;

/// <summary>
/// A longest-prefix-match table compiled from a route list into a 16-8-8 multibit trie of flat arrays.
/// </summary>
/// <remarks>
/// <para>
/// The first level has 2^16 entries indexed by the top 16 bits of the destination. Second- and third-level blocks
/// have 256 entries each, indexed by the next byte; they live one after another in a single array and exist only
/// where a route longer than /16 (second level) or /24 (third level) needs them. An entry is either 0 (no route),
/// a next-hop index plus one, or, with bit 31 set, the number of a child block. A lookup is one to three array
/// reads and allocates nothing.
/// </para>
/// <para>
/// Memory: 256 KiB for the first level, 1 KiB per block, and the distinct next hops. A table of N routes longer
/// than /16 needs at most N blocks for the second level plus one per route longer than /24.
/// </para>
/// <para>
/// Building paints the routes in order of increasing length, so a longer prefix overwrites the entries of any
/// shorter one it lies inside, whatever order the routes came in; a new block starts as a copy of the entry it
/// replaces. The table is immutable once built and safe to read from any number of threads.
/// </para>
/// </remarks>
public sealed class RouteTable
{
    private const int BlockSize = 256;
    private const uint BlockFlag = 0x8000_0000;
    private const uint NoRoute = 0;

    private readonly uint[] _level1;
    private readonly uint[] _blocks;
    private readonly NextHop[] _nextHops;

    private RouteTable(uint[] level1, uint[] blocks, NextHop[] nextHops, int count)
    {
        _level1 = level1;
        _blocks = blocks;
        _nextHops = nextHops;
        Count = count;
    }

    /// <summary>The number of distinct routes in the table.</summary>
    public int Count { get; }

    /// <summary>The distinct next hops; <see cref="LookupBulk"/> returns indexes into this list.</summary>
    public IReadOnlyList<NextHop> NextHops => _nextHops;

    /// <summary>Bytes held by the trie arrays and the next-hop array.</summary>
    public long MemoryBytes => (long)(_level1.Length + _blocks.Length) * sizeof(uint) + (long)_nextHops.Length * Unsafe.SizeOf<NextHop>();

    /// <summary>
    /// Compiles <paramref name="routes"/> into a table. The same prefix given twice with the same next hop counts once;
    /// the same prefix with two different next hops throws <see cref="ArgumentException"/>.
    /// </summary>
    public static RouteTable Build(IEnumerable<Route> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);

        var byPrefix = new Dictionary<Ipv4Prefix, NextHop>();
        foreach (Route route in routes)
        {
            if (byPrefix.TryGetValue(route.Prefix, out NextHop existing))
            {
                if (existing != route.NextHop)
                    throw new ArgumentException(
                        $"{route.Prefix} is routed twice, via {existing} and via {route.NextHop}; keep one of the two routes",
                        nameof(routes));
                continue;
            }
            byPrefix.Add(route.Prefix, route.NextHop);
        }

        var hopIndexes = new Dictionary<NextHop, int>();
        var hops = new List<NextHop>();
        var sorted = new List<(Ipv4Prefix Prefix, uint Entry)>(byPrefix.Count);
        foreach ((Ipv4Prefix prefix, NextHop hop) in byPrefix)
        {
            if (!hopIndexes.TryGetValue(hop, out int index))
            {
                index = hops.Count;
                hops.Add(hop);
                hopIndexes.Add(hop, index);
            }
            sorted.Add((prefix, (uint)index + 1));
        }
        sorted.Sort((a, b) => a.Prefix.Length != b.Prefix.Length
            ? a.Prefix.Length.CompareTo(b.Prefix.Length)
            : a.Prefix.Network.CompareTo(b.Prefix.Network));

        var level1 = new uint[1 << 16];
        var blocks = new List<uint>();
        foreach ((Ipv4Prefix prefix, uint entry) in sorted)
        {
            uint network = prefix.Network;
            int length = prefix.Length;
            if (length <= 16)
            {
                // Only shorter or equal-length routes were painted so far, so the range holds no block yet.
                Array.Fill(level1, entry, (int)(network >> 16), 1 << (16 - length));
                continue;
            }

            int block2 = ChildBlock(ref level1[network >> 16], blocks);
            if (length <= 24)
            {
                Fill(blocks, block2 * BlockSize + (int)((network >> 8) & 0xFF), 1 << (24 - length), entry);
                continue;
            }

            int slot2 = block2 * BlockSize + (int)((network >> 8) & 0xFF);
            uint parent = blocks[slot2];
            int block3 = ChildBlock(ref parent, blocks);
            blocks[slot2] = parent;
            Fill(blocks, block3 * BlockSize + (int)(network & 0xFF), 1 << (32 - length), entry);
        }

        return new RouteTable(level1, [.. blocks], [.. hops], byPrefix.Count);
    }

    /// <summary>Finds the longest prefix that contains <paramref name="destination"/> (host order).</summary>
    /// <returns>False when no route, not even a default route, contains the destination.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryLookup(uint destination, out NextHop hop)
    {
        uint entry = Entry(destination);
        if (entry == NoRoute)
        {
            hop = default;
            return false;
        }
        hop = _nextHops[entry - 1];
        return true;
    }

    /// <summary>
    /// Looks up every destination (host order); <paramref name="hopIndexes"/>[i] becomes the index in
    /// <see cref="NextHops"/> of the route for <paramref name="destinations"/>[i], or -1 when there is none.
    /// </summary>
    public void LookupBulk(ReadOnlySpan<uint> destinations, Span<int> hopIndexes)
    {
        if (hopIndexes.Length < destinations.Length)
            throw new ArgumentException("There must be one hop index for each destination.", nameof(hopIndexes));
        for (int i = 0; i < destinations.Length; i++)
            hopIndexes[i] = (int)Entry(destinations[i]) - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Entry(uint destination)
    {
        // Every index below is in range by construction: the first level has 2^16 entries, and a block number
        // in an entry always names a whole 256-entry block of _blocks. So the reads skip the bounds checks.
        ref uint level1 = ref MemoryMarshal.GetArrayDataReference(_level1);
        uint entry = Unsafe.Add(ref level1, (nint)(destination >> 16));
        if ((entry & BlockFlag) != 0)
        {
            ref uint blocks = ref MemoryMarshal.GetArrayDataReference(_blocks);
            entry = Unsafe.Add(ref blocks, (nint)((entry & ~BlockFlag) * BlockSize + ((destination >> 8) & 0xFF)));
            if ((entry & BlockFlag) != 0)
                entry = Unsafe.Add(ref blocks, (nint)((entry & ~BlockFlag) * BlockSize + (destination & 0xFF)));
        }
        return entry;
    }

    /// <summary>Returns the block that <paramref name="entry"/> points to, first turning it into a new block of copies of itself when it is a plain entry.</summary>
    private static int ChildBlock(ref uint entry, List<uint> blocks)
    {
        if ((entry & BlockFlag) != 0)
            return (int)(entry & ~BlockFlag);
        int block = blocks.Count / BlockSize;
        for (int i = 0; i < BlockSize; i++)
            blocks.Add(entry);
        entry = BlockFlag | (uint)block;
        return block;
    }

    private static void Fill(List<uint> blocks, int start, int count, uint entry)
    {
        // A route of this level is painted only after every shorter one, so the range holds no child block.
        for (int i = start; i < start + count; i++)
            blocks[i] = entry;
    }
}
