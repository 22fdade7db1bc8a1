namespace FastPath.Drivers.Igb.Tests.Fakes;

/// <summary>
/// A tiny 82576 register model for host tests: a sparse register file that logs every access, with the few
/// self-acting bits the driver waits on (CTRL.RST self-clears, MDIC completes at once against a PHY register array).
/// </summary>
public sealed class RegisterFile
{
    private const uint DeviceControl = 0x0000;
    private const uint MdiControl = 0x0020;

    private readonly Dictionary<uint, uint> _values = [];

    /// <summary>Every access in order: ('R' or 'W', offset, value).</summary>
    public List<(char Kind, uint Offset, uint Value)> Log { get; } = [];

    /// <summary>The PHY's 32 clause 22 registers, reached through MDIC.</summary>
    public ushort[] Phy { get; } = new ushort[32];

    /// <summary>The PHY address MDIC transactions used, one per transaction.</summary>
    public List<uint> PhyAddresses { get; } = [];

    /// <summary>Values read back (clear-on-read counters use <see cref="ClearOnRead"/>).</summary>
    public uint this[uint offset]
    {
        get => _values.GetValueOrDefault(offset);
        set => _values[offset] = value;
    }

    /// <summary>Offsets that read as their value once, then 0.</summary>
    public HashSet<uint> ClearOnRead { get; } = [];

    /// <summary>Bits of a register that stay set once set, whatever is written (a queue that will not report disabled), while listed.</summary>
    public Dictionary<uint, uint> StuckBits { get; } = [];

    /// <summary>When set, MDIC never reports ready.</summary>
    public bool MdicHangs { get; set; }

    /// <summary>When set, MDIC reports an error.</summary>
    public bool MdicFails { get; set; }

    public uint Read(uint offset)
    {
        uint value = _values.GetValueOrDefault(offset);
        if (ClearOnRead.Contains(offset))
        {
            _values[offset] = 0;
        }

        Log.Add(('R', offset, value));
        return value;
    }

    public void Write(uint offset, uint value)
    {
        Log.Add(('W', offset, value));
        if (offset == DeviceControl)
        {
            value &= ~(1u << 26);
        }
        else if (offset == MdiControl)
        {
            value = RunMdic(value);
        }

        if (StuckBits.TryGetValue(offset, out uint stuck))
        {
            value |= stuck & _values.GetValueOrDefault(offset);
        }

        _values[offset] = value;
    }

    private uint RunMdic(uint command)
    {
        if (MdicHangs)
        {
            return command;
        }

        if (MdicFails)
        {
            return command | 1u << 30;
        }

        int register = (int)(command >> 16) & 0x1F;
        PhyAddresses.Add((command >> 21) & 0x1F);
        uint operation = (command >> 26) & 3;
        if (operation == 1)
        {
            Phy[register] = (ushort)command;
            return command | 1u << 28;
        }

        return (command & 0xFFFF0000) | Phy[register] | 1u << 28;
    }
}
