namespace FastPath.Vfio.Setup;

/// <summary>The outcome of one environment check.</summary>
public enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Pass,

    /// <summary>Something is suboptimal but VFIO can work.</summary>
    Warning,

    /// <summary>VFIO cannot work until the fix is applied.</summary>
    Fail,
}
