namespace FastPath.Drivers.Ixgbe.Model;

/// <summary>
/// The DMA engine of one simulated 82599: a thread that runs the model's cycles (<see cref="Ixgbe82599Model.RunCycleLocked"/>)
/// under the model's lock, back to back while they make progress, and otherwise sleeps until a doorbell wakes it or
/// <see cref="IdleTick"/> passes (receive descriptor prefetch and interrupt throttling go on while idle). It counts
/// cycles so that a caller can wait, deterministically, for a whole cycle that began after its call and found
/// nothing to do.
/// </summary>
internal sealed class ModelDmaEngine
{
    /// <summary>How long an idle engine sleeps between cycles when no doorbell rings.</summary>
    public static readonly TimeSpan IdleTick = TimeSpan.FromMilliseconds(1);

    private readonly Ixgbe82599Model _model;
    private readonly Thread _thread;
    private long _cycle;
    private long _idleCycle;
    private bool _doorbell;
    private bool _stopping;

    public ModelDmaEngine(Ixgbe82599Model model, string name)
    {
        _model = model;
        _thread = new Thread(Run) { IsBackground = true, Name = $"{name} DMA" };
    }

    /// <summary>Whether the thread has been started and not told to stop.</summary>
    public bool IsRunning { get; private set; }

    public void Start()
    {
        IsRunning = true;
        _thread.Start();
    }

    /// <summary>Tells the thread to stop, wakes it and waits for it to end. Call without holding the model's lock.</summary>
    public void Stop()
    {
        lock (_model.Sync)
        {
            _stopping = true;
            IsRunning = false;
            Monitor.PulseAll(_model.Sync);
        }

        _thread.Join();
    }

    /// <summary>A doorbell: the next cycle starts at once. The caller holds the model's lock.</summary>
    public void WakeLocked()
    {
        _doorbell = true;
        Monitor.PulseAll(_model.Sync);
    }

    /// <summary>Waits for an idle cycle that began after this call. The caller holds the model's lock (released while waiting).</summary>
    public bool WaitUntilIdleLocked(TimeSpan timeout)
    {
        // Cycles run entirely under the lock the caller holds, so none is under way: the next one is _cycle + 1.
        long target = _cycle + 1;
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        WakeLocked();
        while (_idleCycle < target)
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0 || _stopping)
            {
                return _idleCycle >= target;
            }

            Monitor.Wait(_model.Sync, (int)Math.Min(left, int.MaxValue));
        }

        return true;
    }

    private void Run()
    {
        bool idle = false;
        while (true)
        {
            lock (_model.Sync)
            {
                if (idle && !_doorbell && !_stopping)
                {
                    Monitor.Wait(_model.Sync, IdleTick);
                }

                if (_stopping)
                {
                    return;
                }

                _doorbell = false;
                long cycle = ++_cycle;
                idle = !_model.EngineMayRun || !_model.RunCycleLocked();
                if (idle)
                {
                    _idleCycle = cycle;
                    Monitor.PulseAll(_model.Sync);
                }
            }
        }
    }
}
