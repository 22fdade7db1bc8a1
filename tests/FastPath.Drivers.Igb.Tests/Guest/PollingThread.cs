namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>A dedicated thread that calls a poll function until stopped (the receiving lcore of a test).</summary>
public sealed class PollingThread : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _failure;

    /// <summary>Starts polling; with <paramref name="sleepWhenIdle"/> a poll that found nothing sleeps 1 ms, leaving the guest's one vCPU to the apps under test.</summary>
    public PollingThread(Func<int> poll, bool sleepWhenIdle = false)
    {
        _thread = new Thread(() =>
        {
            try
            {
                while (!_stop)
                {
                    if (poll() == 0 && sleepWhenIdle)
                    {
                        Thread.Sleep(1);
                    }
                }
            }
            catch (Exception exception)
            {
                _failure = exception;
            }
        })
        { IsBackground = true, Name = "igb-rx-lcore" };
        _thread.Start();
    }

    /// <summary>Stops the thread and rethrows what it failed with.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The polling thread failed.", _failure);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
