namespace L3Router;

/// <summary>One route: packets whose destination lies in <paramref name="Prefix"/> go to <paramref name="NextHop"/>.</summary>
/// <param name="Prefix">The destination prefix.</param>
/// <param name="NextHop">The next hop and output port.</param>
public readonly record struct Route(Ipv4Prefix Prefix, NextHop NextHop)
{
    /// <summary>Formats as a routes-file line: "PREFIX/LEN via MAC port N".</summary>
    public override string ToString() => $"{Prefix} via {NextHop}";
}
