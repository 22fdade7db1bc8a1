namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>Whether an <see cref="AfXdpPort"/>'s sockets copy frames between the driver and the UMEM.</summary>
public enum AfXdpCopyMode
{
    /// <summary>Zero-copy where the driver supports it, else copy.</summary>
    Auto,

    /// <summary>Always copy (XDP_COPY).</summary>
    Copy,

    /// <summary>Zero-copy or fail (XDP_ZEROCOPY); needs native mode and driver support.</summary>
    ZeroCopy,
}
