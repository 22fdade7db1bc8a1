using FastPath.Ports.Virtual.Tests.AfPacket;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

/// <summary>
/// A veth pair with <see cref="Queues"/> queues each way, each end in its own fresh network namespace named
/// <c>axp-…</c>, up, IPv6 off. Deleting the namespaces deletes the pair.
/// </summary>
internal sealed class XdpVethLink : IDisposable
{
    public const string LeftInterface = "axp-left";
    public const string RightInterface = "axp-right";

    public XdpVethLink(int queues = 1)
    {
        Queues = queues;
        Left = new NetworkNamespace("axp");
        try
        {
            Right = new NetworkNamespace("axp");
            NetworkNamespace.Ip($"link add {LeftInterface} numtxqueues {queues} numrxqueues {queues} netns {Left.Name} type veth peer name {RightInterface} numtxqueues {queues} numrxqueues {queues} netns {Right.Name}");
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

    public int Queues { get; }

    public NetworkNamespace Left { get; }

    public NetworkNamespace Right { get; }

    public void Dispose()
    {
        Left.Dispose();
        Right.Dispose();
    }
}
