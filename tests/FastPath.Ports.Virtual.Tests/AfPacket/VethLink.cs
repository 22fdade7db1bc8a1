namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>
/// A veth pair with each end in its own fresh network namespace, up, with IPv6 off so that no stray neighbour
/// discovery traffic shows up. Deleting the namespaces deletes the pair.
/// </summary>
internal sealed class VethLink : IDisposable
{
    public const string LeftInterface = "fp-left";
    public const string RightInterface = "fp-right";

    public VethLink()
    {
        Left = new NetworkNamespace();
        try
        {
            Right = new NetworkNamespace();
            NetworkNamespace.Ip($"link add {LeftInterface} netns {Left.Name} type veth peer name {RightInterface} netns {Right.Name}");
            foreach ((NetworkNamespace side, string name) in new[] { (Left, LeftInterface), (Right, RightInterface) })
            {
                side.Run(() => File.WriteAllText($"/proc/sys/net/ipv6/conf/{name}/disable_ipv6", "1"));
                side.IpInside($"link set {name} up");
            }
        }
        catch
        {
            Right?.Dispose();
            Left.Dispose();
            throw;
        }
    }

    public NetworkNamespace Left { get; }

    public NetworkNamespace Right { get; }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
