namespace FastPath.Ports;

/// <summary>
/// Makes link-state changes of a set of ports observable: it reads each port's <see cref="IPort.Link"/> on a timer
/// (a control-path read, never on an lcore), and raises <see cref="LinkChanged"/> for every port whose link differs
/// from the last reading. <see cref="Check"/> reads at once.
/// </summary>
public sealed class LinkMonitor : IDisposable
{
    private readonly IPort[] _ports;
    private readonly LinkStatus[] _last;
    private readonly Timer? _timer;
    private readonly Lock _lock = new();

    /// <summary>Watches <paramref name="ports"/>, reading their links every <paramref name="interval"/> (zero: only on <see cref="Check"/>).</summary>
    public LinkMonitor(IEnumerable<IPort> ports, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(ports);
        _ports = [.. ports];
        _last = [.. _ports.Select(p => p.Link)];
        if (interval > TimeSpan.Zero)
        {
            _timer = new Timer(_ => Check(), null, interval, interval);
        }
    }

    /// <summary>Raised, on the monitor's timer thread or the caller of <see cref="Check"/>, when a port's link changes.</summary>
    public event EventHandler<LinkChangedEventArgs>? LinkChanged;

    /// <summary>The link of each port at the last reading, in the order given.</summary>
    public IReadOnlyList<LinkStatus> Links
    {
        get
        {
            lock (_lock)
            {
                return [.. _last];
            }
        }
    }

    /// <summary>Reads every port's link now and raises <see cref="LinkChanged"/> for each that changed.</summary>
    public void Check()
    {
        List<LinkChangedEventArgs>? changes = null;
        lock (_lock)
        {
            for (int i = 0; i < _ports.Length; i++)
            {
                LinkStatus now = _ports[i].Link;
                if (now != _last[i])
                {
                    (changes ??= []).Add(new LinkChangedEventArgs(_ports[i], _last[i], now));
                    _last[i] = now;
                }
            }
        }

        foreach (LinkChangedEventArgs change in changes ?? [])
        {
            LinkChanged?.Invoke(this, change);
        }
    }

    /// <summary>Stops the timer; no event is raised afterwards.</summary>
    public void Dispose()
    {
        if (_timer is null)
        {
            return;
        }

        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
    }
}
