using System.CommandLine;
using FastPath.Vfio;
using FastPath.Vfio.Pci;
using FastPath.Vfio.Setup;

namespace FastPath.Apps.Devbind;

/// <summary><c>bind</c> and <c>unbind</c>: move devices to and from vfio-pci.</summary>
internal static class BindCommands
{
    public static Command CreateBind()
    {
        Argument<PciAddress[]> addresses = PciAddressArgument.Create("PCI addresses of the devices to give to vfio-pci, e.g. 0000:04:00.0.");
        var command = new Command("bind", "Bind devices to vfio-pci (unbinding their kernel driver, loading vfio-pci if needed).") { addresses };
        command.SetAction(result => Run(result.GetValue(addresses)!, bind: true));
        return command;
    }

    public static Command CreateUnbind()
    {
        Argument<PciAddress[]> addresses = PciAddressArgument.Create("PCI addresses of the devices to take from vfio-pci.");
        var command = new Command("unbind", "Unbind devices from vfio-pci and give them back to their kernel driver.") { addresses };
        command.SetAction(result => Run(result.GetValue(addresses)!, bind: false));
        return command;
    }

    private static int Run(PciAddress[] addresses, bool bind)
    {
        var sysfs = new PciSysfs();
        foreach (PciAddress address in addresses)
        {
            if (!sysfs.Exists(address))
            {
                Console.Error.WriteLine($"error: there is no PCI device {address}. List network devices with `fastpath-devbind status` (or all with `lspci -D`).");
                return ExitCodes.BadArguments;
            }
        }

        var binder = new DeviceBinder();
        var check = new VfioEnvironmentCheck();
        int exit = ExitCodes.Success;
        foreach (PciAddress address in addresses)
        {
            try
            {
                if (bind)
                {
                    string? before = binder.Bind(address);
                    Console.WriteLine(before == PciSysfs.VfioPciDriver ? $"{address}: already bound to vfio-pci" : $"{address}: {before ?? "no driver"} -> vfio-pci");
                    foreach (CheckResult problem in check.CheckDevice(address).Where(r => r.Status != CheckStatus.Pass))
                    {
                        Console.WriteLine($"  {problem}");
                        exit = problem.Status == CheckStatus.Fail ? ExitCodes.Failure : exit;
                    }
                }
                else
                {
                    string? after = binder.Unbind(address);
                    Console.WriteLine($"{address}: vfio-pci -> {after ?? "no driver (none claimed it)"}");
                }
            }
            catch (VfioException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                exit = ExitCodes.Failure;
            }
        }

        return exit;
    }
}
