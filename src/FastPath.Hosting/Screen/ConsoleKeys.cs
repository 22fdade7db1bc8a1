namespace FastPath.Hosting.Screen;

/// <summary>Reads the keys typed on the console without blocking, for the live screen's <c>q</c>.</summary>
public static class ConsoleKeys
{
    /// <summary>Whether <c>q</c> (or <c>Q</c>) is among the keys typed since the last call; false when input is not a terminal.</summary>
    public static bool QuitPressed()
    {
        if (Console.IsInputRedirected)
        {
            return false;
        }

        try
        {
            while (Console.KeyAvailable)
            {
                if (Console.ReadKey(intercept: true).KeyChar is 'q' or 'Q')
                {
                    return true;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // no console to read from after all
        }

        return false;
    }
}
