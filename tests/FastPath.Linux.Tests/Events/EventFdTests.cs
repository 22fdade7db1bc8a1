using FastPath.Linux.Events;


namespace FastPath.Linux.Tests.Events;

public sealed class EventFdTests
{
    [Fact]
    public void Signals_accumulate_until_read()
    {
        using EventFd eventFd = EventFd.Create();
        Assert.False(eventFd.TryRead(out _));
        eventFd.Signal();
        eventFd.Signal(2);
        Assert.True(eventFd.TryRead(out ulong count));
        Assert.Equal(3UL, count);
        Assert.False(eventFd.TryRead(out _));
    }

    [Fact]
    public void Epoll_reports_the_ready_descriptor_by_token()
    {
        using EventFd a = EventFd.Create();
        using EventFd b = EventFd.Create();
        using var waiter = new EpollWaiter();
        waiter.Add(a, 10);
        waiter.Add(b, 20);
        Span<ulong> ready = stackalloc ulong[4];
        Assert.Equal(0, waiter.Wait(ready, 0));
        b.Signal();
        Assert.Equal(1, waiter.Wait(ready, 1000));
        Assert.Equal(20UL, ready[0]);
        waiter.Remove(b);
        Assert.Equal(1, waiter.Count);
        Assert.Equal(0, waiter.Wait(ready, 0));
    }

    [Fact]
    public async Task Epoll_wakes_a_blocked_waiter_from_another_thread()
    {
        using EventFd eventFd = EventFd.Create();
        using var waiter = new EpollWaiter();
        waiter.Add(eventFd, 7);
        Task signaller = Task.Run(async () =>
        {
            await Task.Delay(50);
            eventFd.Signal();
        });
        ulong[] ready = new ulong[1];
        Assert.Equal(1, waiter.Wait(ready, 5000));
        Assert.Equal(7UL, ready[0]);
        await signaller;
    }

    [Fact]
    public void A_registered_handle_stays_open_until_removed_from_the_waiter()
    {
        var waiter = new EpollWaiter();
        EventFd eventFd = EventFd.Create();
        waiter.Add(eventFd, 1);
        eventFd.Dispose();
        Assert.False(eventFd.IsClosed);
        waiter.Dispose();
        Assert.True(eventFd.IsClosed);
    }
}
