namespace FastPath.Apps.Devbind;

/// <summary>The process exit codes of fastpath-devbind.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (or every check passed).</summary>
    public const int Success = 0;

    /// <summary>The machine or the device is not ready, or an operation failed; the output says why and how to fix it.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown option, malformed or unknown PCI address.</summary>
    public const int BadArguments = 2;
}
