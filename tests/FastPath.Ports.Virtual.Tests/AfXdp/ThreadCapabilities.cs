using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.Tests.AfXdp;

/// <summary>Runs code on a thread whose effective capabilities lack the given ones (capabilities are per thread).</summary>
internal static unsafe partial class ThreadCapabilities
{
    public const int NetAdmin = 12;
    public const int NetRaw = 13;
    public const int IpcLock = 14;
    public const int SysAdmin = 21;
    public const int Bpf = 39;

    private const uint CapabilityVersion3 = 0x20080522;

    public static T RunWithout<T>(int[] capabilities, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var header = new CapabilityHeader { Version = CapabilityVersion3 };
                // Two { effective, permitted, inheritable } sets: capabilities 0-31, then 32-63.
                uint* data = stackalloc uint[6];
                Check(capget(&header, data), "capget");
                foreach (int capability in capabilities)
                {
                    data[capability < 32 ? 0 : 3] &= ~(1u << (capability % 32));
                }

                Check(capset(&header, data), "capset");
                result = action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new AggregateException(failure);
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int capget(CapabilityHeader* header, uint* data);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int capset(CapabilityHeader* header, uint* data);

    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }
}
