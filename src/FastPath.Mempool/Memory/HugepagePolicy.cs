namespace FastPath.Mempool.Memory;

/// <summary>Whether DMA memory must, may or must not come from 2 MiB hugepages.</summary>
public enum HugepagePolicy
{
    /// <summary>Use hugepages when reserved; otherwise fall back to locked 4 KiB pages and log a warning.</summary>
    Prefer,

    /// <summary>Fail with an explanation when no hugepages can be had.</summary>
    Require,

    /// <summary>Use locked 4 KiB pages.</summary>
    Never,
}
