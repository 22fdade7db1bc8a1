namespace FastPath.Mempool.Tests.Memory;

/// <summary>A fact that needs root to change hugepage reservations or read physical addresses.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!HugepageReservation.CanReserve)
        {
            Skip = "Needs root: the test reserves hugepages through /proc/sys/vm/nr_hugepages. Run the tests as root (CI does).";
        }
    }
}
