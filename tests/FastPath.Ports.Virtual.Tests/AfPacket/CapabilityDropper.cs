using System.Runtime.InteropServices;

namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>Runs code on a thread whose effective capabilities lack CAP_NET_RAW (capabilities are per thread).</summary>
internal static unsafe partial class CapabilityDropper
{
    private const uint CapabilityVersion3 = 0x20080522;
    private const int CapNetRaw = 13;

    public static T RunWithoutNetRaw<T>(Func<T> action)
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
                data[0] &= ~(1u << CapNetRaw);
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
