using System.Runtime.InteropServices;
using FastPath.Linux.Interop;

namespace FastPath.Linux.Events;

/// <summary>
/// Waits on several descriptors (interrupt eventfds) at once with epoll: the idle mode of a polling loop that
/// sleeps until a queue's interrupt fires. Registered handles are kept alive until removed or disposed.
/// </summary>
public sealed unsafe class EpollWaiter : IDisposable
{
    private readonly FileDescriptorHandle _epoll;
    private readonly Dictionary<SafeHandle, ulong> _registered = [];
    private readonly Lock _lock = new();

    /// <summary>Creates an epoll instance.</summary>
    public EpollWaiter()
    {
        int fd = LibC.epoll_create1(LibC.EpollCloseOnExec);
        _epoll = fd >= 0 ? new FileDescriptorHandle(fd) : throw LinuxException.FromLastError("epoll_create1", "The process ran out of file descriptors: raise `ulimit -n`.");
    }

    /// <summary>How many descriptors are registered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _registered.Count;
            }
        }
    }

    /// <summary>Watches <paramref name="handle"/> for readability; <see cref="Wait"/> reports it as <paramref name="token"/>.</summary>
    public void Add(SafeHandle handle, ulong token)
    {
        ArgumentNullException.ThrowIfNull(handle);
        lock (_lock)
        {
            if (_registered.ContainsKey(handle))
            {
                throw new InvalidOperationException("The handle is already registered with this EpollWaiter.");
            }

            bool added = false;
            handle.DangerousAddRef(ref added);
            var ev = new EpollEvent { Events = LibC.EpollIn, Data = token };
            if (LibC.epoll_ctl(_epoll, LibC.EpollControlAdd, (int)handle.DangerousGetHandle(), &ev) < 0)
            {
                handle.DangerousRelease();
                throw LinuxException.FromLastError("epoll_ctl(EPOLL_CTL_ADD)");
            }

            _registered.Add(handle, token);
        }
    }

    /// <summary>Stops watching <paramref name="handle"/>.</summary>
    public void Remove(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        lock (_lock)
        {
            if (!_registered.Remove(handle))
            {
                throw new InvalidOperationException("The handle is not registered with this EpollWaiter.");
            }

            LibC.epoll_ctl(_epoll, LibC.EpollControlDelete, (int)handle.DangerousGetHandle(), null);
            handle.DangerousRelease();
        }
    }

    /// <summary>
    /// Blocks until at least one descriptor is readable or <paramref name="timeoutMilliseconds"/> passes
    /// (-1: forever, 0: poll) and writes the tokens of the ready ones into <paramref name="readyTokens"/>.
    /// It does not drain them: read the eventfds before waiting again.
    /// </summary>
    /// <returns>How many tokens were written; 0 on timeout or when a signal interrupted the wait.</returns>
    public int Wait(Span<ulong> readyTokens, int timeoutMilliseconds)
    {
        if (readyTokens.IsEmpty)
        {
            throw new ArgumentException("Give room for at least one ready token.", nameof(readyTokens));
        }

        int max = Math.Min(readyTokens.Length, 64);
        EpollEvent* events = stackalloc EpollEvent[max];
        int n = LibC.epoll_wait(_epoll, events, max, timeoutMilliseconds);
        if (n < 0)
        {
            return LibC.LastError == LibC.ErrorInterrupted ? 0 : throw LinuxException.FromLastError("epoll_wait");
        }

        for (int i = 0; i < n; i++)
        {
            readyTokens[i] = events[i].Data;
        }

        return n;
    }

    /// <summary>Releases every registered handle and closes the epoll instance.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (SafeHandle handle in _registered.Keys)
            {
                handle.DangerousRelease();
            }

            _registered.Clear();
            _epoll.Dispose();
        }
    }
}
