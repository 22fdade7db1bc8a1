namespace FastPath;

/// <summary>
/// The user's input is wrong: a bad port spec, core list, rate or option combination. The message is one line that
/// names the cause and the fix; applications print it and exit with code 2.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the error behind it.</summary>
    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
