namespace FastPath.Lcores;

/// <summary>The cores the kernel keeps free of ordinary tasks (the <c>isolcpus=</c> boot parameter).</summary>
public static class IsolatedCores
{
    /// <summary>Where the kernel lists the isolated cores.</summary>
    public const string SysfsPath = "/sys/devices/system/cpu/isolated";

    /// <summary>Reads the isolated cores; empty when none are isolated or the file is unreadable.</summary>
    public static IReadOnlySet<int> Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(SysfsPath).Trim();
        }
        catch (IOException)
        {
            return new HashSet<int>();
        }
        catch (UnauthorizedAccessException)
        {
            return new HashSet<int>();
        }

        return text.Length == 0 ? new HashSet<int>() : new HashSet<int>(CoreList.ParseAllowingDuplicates(text));
    }
}
