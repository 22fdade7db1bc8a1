namespace FastPath.Vfio.Tests.Guest;

/// <summary>
/// A test that needs real VFIO: it runs inside the QEMU guest of <c>tests/vm/run-in-guest.sh</c> (FASTPATH_VM=1,
/// /dev/vfio/vfio present, NICs in FASTPATH_NICS) and is skipped, with the reason, anywhere else.
/// </summary>
public sealed class GuestFactAttribute : FactAttribute
{
    /// <summary>The NIC model the test needs (e.g. "e1000e"), or null for any.</summary>
    public string? NicModel { get; set; }

    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? GuestNics.SkipReason(NicModel);
        set => base.Skip = value;
    }
}
