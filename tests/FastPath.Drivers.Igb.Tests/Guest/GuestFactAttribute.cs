namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>A test that needs real igb NICs under VFIO: it runs in the QEMU guest and is skipped, with the reason, elsewhere.</summary>
public sealed class GuestFactAttribute : FactAttribute
{
    /// <summary>How many igb NICs the test needs (2 or 4).</summary>
    public int Nics { get; set; } = 2;

    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? GuestEnvironment.SkipReason(Nics);
        set => base.Skip = value;
    }
}
