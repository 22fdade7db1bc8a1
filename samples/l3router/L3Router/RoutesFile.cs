namespace L3Router;

/// <summary>
/// Reads the routes file: one route per line, <c>PREFIX/LEN via MAC port N</c>, e.g.
/// <c>10.2.0.0/16 via 02:00:00:00:00:02 port 1</c>.
/// </summary>
/// <remarks>
/// Tokens are separated by spaces or tabs. A <c>#</c> starts a comment that runs to the end of the line; blank
/// lines are ignored. PREFIX is four decimal octets with no host bits set beyond LEN (0..32); MAC is six
/// two-digit hex bytes separated by colons and must be unicast; N is a decimal port id 0..65535. The keywords
/// are lower case. Overlapping prefixes are fine (the longest one wins); the same prefix on two lines is fine
/// only when both lines give the same next hop, and it then counts once. A file needs at least one route.
/// Every error throws <see cref="RoutesFileException"/>.
/// </remarks>
public static class RoutesFile
{
    private const string Grammar = "PREFIX/LEN via MAC port N";

    /// <summary>Reads and parses the routes file at <paramref name="path"/>; the messages name the file as given.</summary>
    public static IReadOnlyList<Route> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RoutesFileException(path, 0, "no such file; check the path, or create the file with one route per line as " + Grammar, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RoutesFileException(path, 0, $"cannot read it ({OneLine(e.Message)}); check the path and its permissions", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses routes-file text; <paramref name="fileName"/> is only used in messages.</summary>
    public static IReadOnlyList<Route> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        var routes = new List<Route>();
        var seen = new Dictionary<Ipv4Prefix, (NextHop Hop, int Line)>();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = rawLine;
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            if (line.IsWhiteSpace())
                continue;

            string? problem = TryParseLine(line, out Route route);
            if (problem is not null)
                throw new RoutesFileException(fileName, lineNumber, problem);

            if (seen.TryGetValue(route.Prefix, out var earlier))
            {
                if (earlier.Hop != route.NextHop)
                    throw new RoutesFileException(fileName, lineNumber,
                        $"{route.Prefix} is already routed on line {earlier.Line} via {earlier.Hop}, here via {route.NextHop}; remove one of lines {earlier.Line} and {lineNumber}");
                continue;
            }
            seen.Add(route.Prefix, (route.NextHop, lineNumber));
            routes.Add(route);
        }

        if (routes.Count == 0)
            throw new RoutesFileException(fileName, 0, "no routes; add at least one route as " + Grammar);
        return routes;
    }

    /// <summary>Parses one non-blank line with the comment removed; returns null or the "cause; fix" problem.</summary>
    private static string? TryParseLine(ReadOnlySpan<char> line, out Route route)
    {
        route = default;
        Tokens tokens = new(line);

        ReadOnlySpan<char> prefixText = tokens.Next();
        if (!Ipv4Prefix.TryParse(prefixText, out Ipv4Prefix prefix, out string? prefixProblem))
            return prefixProblem;

        if (ExpectKeyword(ref tokens, "via", "the prefix") is { } viaProblem)
            return viaProblem;

        ReadOnlySpan<char> macText = tokens.Next();
        if (macText.IsEmpty)
            return $"the MAC address after 'via' is missing; write {Grammar}";
        if (!MacAddress.TryParse(macText, out ulong mac))
            return $"'{macText}' is not a MAC address; write six hex bytes separated by colons, e.g. 02:00:00:00:00:01";
        if (MacAddress.IsGroup(mac))
            return $"'{macText}' is a multicast or broadcast address; a next hop needs a unicast MAC (first byte even)";

        if (ExpectKeyword(ref tokens, "port", "the MAC address") is { } portProblem)
            return portProblem;

        ReadOnlySpan<char> portText = tokens.Next();
        if (portText.IsEmpty)
            return $"the port number after 'port' is missing; write {Grammar}";
        if (!IsDecimal(portText) || !ushort.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out ushort port))
            return $"'{portText}' is not a port number; write a decimal port id 0 to 65535";

        ReadOnlySpan<char> extra = tokens.Next();
        if (!extra.IsEmpty)
            return $"unexpected '{extra}' after the port number; a line is {Grammar}, and a comment starts with '#'";

        route = new Route(prefix, new NextHop(mac, port));
        return null;
    }

    private static string? ExpectKeyword(ref Tokens tokens, string keyword, string after)
    {
        ReadOnlySpan<char> token = tokens.Next();
        if (token.IsEmpty)
            return $"'{keyword}' is missing after {after}; write {Grammar}";
        if (!token.SequenceEqual(keyword))
            return $"expected '{keyword}' after {after} but found '{token}'; write {Grammar}";
        return null;
    }

    private static bool IsDecimal(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>Splits a line on spaces and tabs without allocating.</summary>
    private ref struct Tokens(ReadOnlySpan<char> line)
    {
        private ReadOnlySpan<char> _rest = line;

        /// <summary>The next token, or empty at the end of the line.</summary>
        public ReadOnlySpan<char> Next()
        {
            _rest = _rest.TrimStart(" \t");
            int end = _rest.IndexOfAny(' ', '\t');
            if (end < 0)
                end = _rest.Length;
            ReadOnlySpan<char> token = _rest[..end];
            _rest = _rest[end..];
            return token;
        }
    }
}
