namespace FastPath.Ports.Virtual.Chains;

/// <summary>
/// A software VLAN filter table for ports whose kernel or file offers none: one bit per VLAN id. Empty, it passes
/// every tag (VLAN-promiscuous); once an id is accepted, tagged frames pass only with an accepted id. Written by the
/// control thread, read by the receiving lcore (a frame racing a change may see the table before or after it).
/// </summary>
internal sealed class VlanFilterTable
{
    private const int VlanIdCount = 4096;
    private const ushort VlanIdMask = 0x0FFF;

    private readonly ulong[] _accepted = new ulong[VlanIdCount / 64];
    private int _count;

    /// <summary>Whether any id is accepted (the table filters); false while VLAN-promiscuous.</summary>
    public bool IsActive => Volatile.Read(ref _count) != 0;

    /// <summary>Accepts or stops accepting <paramref name="vlanId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vlanId"/> is not from 0 to 4095.</exception>
    public void Set(ushort vlanId, bool accept)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vlanId, (ushort)(VlanIdCount - 1));
        ref ulong word = ref _accepted[vlanId >> 6];
        ulong bit = 1UL << (vlanId & 63);
        bool was = (word & bit) != 0;
        if (was == accept)
        {
            return;
        }

        Volatile.Write(ref word, accept ? word | bit : word & ~bit);
        Interlocked.Add(ref _count, accept ? 1 : -1);
    }

    /// <summary>Whether a frame tagged with <paramref name="tagControl"/> (priority and id) passes.</summary>
    public bool Accepts(ushort tagControl)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return true;
        }

        int id = tagControl & VlanIdMask;
        return (Volatile.Read(ref _accepted[id >> 6]) & (1UL << (id & 63))) != 0;
    }
}
