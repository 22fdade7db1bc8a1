using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FastPath.Ports.Virtual.Tests.AfPacket;

/// <summary>
/// A network namespace made with <c>ip netns add</c> and deleted on dispose. Code runs inside it on a thread that
/// entered it with <c>setns</c>; sockets made there stay in the namespace when used from any other thread.
/// </summary>
internal sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    public NetworkNamespace(string prefix = "fp")
    {
        Name = $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
        Ip($"netns add {Name}");
    }

    public string Name { get; }

    public static bool IsIpAvailable => new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.Any(File.Exists);

    /// <summary>Runs <paramref name="action"/> on a fresh thread inside the namespace.</summary>
    public void Run(Action action) => Run(() =>
    {
        action();
        return true;
    });

    /// <summary>Runs <paramref name="action"/> on a fresh thread inside the namespace and returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle($"/run/netns/{Name}");
                if (setns(handle, CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}.");
                }

                result = action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException(failure);
        }

        return result;
    }

    /// <summary>Runs <c>ip</c> inside the namespace.</summary>
    public string IpInside(string arguments) => Ip($"-n {Name} {arguments}");

    /// <summary>Runs <c>ip</c> with <paramref name="arguments"/> and returns its output.</summary>
    public static string Ip(string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'ip {arguments}' failed with exit code {process.ExitCode}: {error}");
        }

        return output;
    }

    public void Dispose() => Ip($"netns delete {Name}");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(SafeFileHandle fd, int namespaceType);
}
