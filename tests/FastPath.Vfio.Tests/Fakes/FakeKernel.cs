namespace FastPath.Vfio.Tests.Fakes;

/// <summary>
/// Plays the kernel's part for <see cref="Setup.DeviceBinder"/> on a <see cref="FakeSystem"/>: consumes writes to
/// <c>drivers/X/unbind</c> and <c>drivers_probe</c> and moves the <c>driver</c> link as the kernel would.
/// </summary>
public sealed class FakeKernel : IDisposable
{
    private readonly FakeSystem _system;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeKernel(FakeSystem system, string? kernelDriver = "e1000e", bool vfioAcceptsDevices = true)
    {
        _system = system;
        _loop = Task.Run(() => Run(kernelDriver, vfioAcceptsDevices));
    }

    public List<string> Events { get; } = [];

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }

    private async Task Run(string? kernelDriver, bool vfioAcceptsDevices)
    {
        string drivers = Path.Combine(_system.Sys, "bus", "pci", "drivers");
        string probe = Path.Combine(_system.Sys, "bus", "pci", "drivers_probe");
        while (!_stop.IsCancellationRequested)
        {
            foreach (string unbind in Directory.EnumerateFiles(drivers, "unbind", SearchOption.AllDirectories))
            {
                if (!TryConsume(unbind, out string bdf))
                {
                    continue;
                }

                lock (Events)
                {
                    Events.Add($"unbind {bdf} from {Path.GetFileName(Path.GetDirectoryName(unbind))}");
                }

                _system.SetDriver(bdf, null);
            }

            if (File.Exists(probe) && TryConsume(probe, out string probed))
            {
                string bdf = probed;
                string overridden = File.ReadAllText(Path.Combine(_system.DevicePath(bdf), "driver_override")).Trim();
                string? driver = overridden == "vfio-pci" ? (vfioAcceptsDevices ? "vfio-pci" : null) : kernelDriver;
                lock (Events)
                {
                    Events.Add($"probe {bdf} -> {driver ?? "none"}");
                }

                _system.SetDriver(bdf, driver);
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the address written to a sysfs control file. A real sysfs write arrives whole; a write to this plain file
    /// may be seen between its creation and its content, so an empty file is left for the next round.
    /// </summary>
    private static bool TryConsume(string path, out string bdf)
    {
        bdf = File.ReadAllText(path).Trim();
        if (bdf.Length == 0)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
