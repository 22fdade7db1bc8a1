namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>Where the XDP program of an <see cref="AfXdpPort"/> runs.</summary>
public enum AfXdpAttachMode
{
    /// <summary>In the driver when it supports XDP, else in the generic (SKB) path.</summary>
    Auto,

    /// <summary>In the driver (XDP_FLAGS_DRV_MODE); fails on a driver without XDP.</summary>
    Native,

    /// <summary>In the kernel's generic path, after the socket buffer is built (XDP_FLAGS_SKB_MODE): works on every interface.</summary>
    Generic,
}
