namespace FastPath.Drivers.Igb.Tests.Guest;

/// <summary>A dedicated thread that calls a poll function until stopped (the receiving lcore of a test).</summary>
public sealed class PollingThread : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _failure;

    public PollingThread(Func<int> poll)
    {
        _thread = new Thread(() =>
        {
            try
            {
                while (!_stop)
                {
                    poll();
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
