namespace L3Router;

/// <summary>
/// A routes file that cannot be read or is wrong. The message is one line, "FILE:LINE: cause; fix", or
/// "FILE: cause; fix" when the problem is the file as a whole (missing, unreadable, no routes).
/// </summary>
public sealed class RoutesFileException : Exception
{
    /// <summary>Creates the exception from its parts; the message joins them as "FILE:LINE: cause; fix".</summary>
    /// <param name="fileName">The file as the user named it.</param>
    /// <param name="line">The 1-based line, or 0 when the problem is the whole file.</param>
    /// <param name="problem">"cause; fix", one line.</param>
    /// <param name="inner">The exception behind the problem, if any.</param>
    public RoutesFileException(string fileName, int line, string problem, Exception? inner = null)
        : base(line > 0 ? $"{fileName}:{line}: {problem}" : $"{fileName}: {problem}", inner)
    {
        FileName = fileName;
        Line = line;
    }

    /// <summary>The file as the user named it.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line of the problem, or 0 when the problem is the whole file.</summary>
    public int Line { get; }
}
