namespace FastPath.Hosting.Output;

/// <summary>What the applications print on standard output while they run and at exit.</summary>
public enum OutputFormat
{
    /// <summary>Fixed-width tables and lines for people (the default).</summary>
    Text,

    /// <summary>
    /// JSON Lines: one object per statistics interval and a summary object at exit, nothing else; the text the apps
    /// would print goes to standard error with the logs (<see cref="OutputSchema"/> describes the objects).
    /// </summary>
    Json,
}
