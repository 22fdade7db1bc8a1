namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>A test that builds network namespaces and veth pairs: skipped, with the reason, unless root with <c>ip</c>.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (Environment.UserName != "root" && !IsRootUid())
        {
            Skip = "Needs root (CAP_NET_ADMIN and CAP_NET_RAW) to create network namespaces, veth pairs and AF_PACKET sockets.";
        }
        else if (!NetworkNamespace.IsIpAvailable)
        {
            Skip = "Needs the 'ip' command (apt-get install iproute2) to create network namespaces and veth pairs.";
        }
    }

    private static bool IsRootUid() =>
        File.ReadLines("/proc/self/status").Any(line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0");
}
