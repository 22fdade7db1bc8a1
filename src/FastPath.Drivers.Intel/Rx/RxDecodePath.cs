namespace FastPath.Drivers.Intel.Rx;

/// <summary>How a receive queue turns write-back descriptors into packet metadata.</summary>
public enum RxDecodePath
{
    /// <summary>One descriptor at a time with scalar loads and stores.</summary>
    Scalar,

    /// <summary>Four descriptors per step with 128-bit shuffles (SSSE3).</summary>
    Vector128,

    /// <summary>Four descriptors per step, two per 256-bit shuffle (AVX2).</summary>
    Vector256,
}
