namespace FastPath.Drivers.Ixgbe.Model.Ports;

/// <summary>
/// A named link of two cabled simulated 82599s with flow control, so that ports opened as
/// <c>sim:ixgbe:link=NAME</c> meet: the first port opened on the name drives one end, the second the other.
/// </summary>
internal sealed class SimulatedLink
{
    private readonly bool[] _attached = new bool[2];

    public SimulatedLink(string name, SimulatedIxgbeDevice a, SimulatedIxgbeDevice b)
    {
        Name = name;
        Ends = [a, b];
        SimulatedCable.Connect(a.Model, b.Model, flowControl: true);
    }

    /// <summary>The link's name.</summary>
    public string Name { get; }

    /// <summary>The two devices.</summary>
    public IReadOnlyList<SimulatedIxgbeDevice> Ends { get; }

    /// <summary>Whether neither end is attached.</summary>
    public bool IsReleased => !_attached[0] && !_attached[1];

    /// <summary>Takes a free end; -1 when both are taken. The caller holds the registry lock.</summary>
    public int TryAttach()
    {
        for (int end = 0; end < _attached.Length; end++)
        {
            if (!_attached[end])
            {
                _attached[end] = true;
                return end;
            }
        }

        return -1;
    }

    /// <summary>Frees <paramref name="end"/>. The caller holds the registry lock.</summary>
    public void Detach(int end) => _attached[end] = false;

    /// <summary>Whether the other end than <paramref name="end"/> is attached. The caller holds the registry lock.</summary>
    public bool IsPeerAttached(int end) => _attached[1 - end];
}
