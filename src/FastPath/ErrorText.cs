namespace FastPath;

/// <summary>Turns exceptions into the one-line messages the applications print.</summary>
public static class ErrorText
{
    /// <summary>The exception's message on one line, without the " (Parameter 'x')" suffix of argument exceptions.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ");
    }
}
