using System.CommandLine;
using FastPath.Vfio.Pci;
using FastPath.Vfio.Setup;

namespace FastPath.Apps.Devbind;

/// <summary><c>check</c>: reports every reason VFIO would not work, with the fix.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var addresses = new Argument<PciAddress[]>("BDF")
        {
            Description = "Devices to check as well (driver, IOMMU group viability, /dev/vfio/N access).",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = PciAddressArgument.Create(string.Empty).CustomParser,
        };
        var command = new Command("check", "Check IOMMU, /dev/vfio, RLIMIT_MEMLOCK and hugepages (and devices): exit 1 if anything fails.") { addresses };
        command.SetAction(result => Run(result.GetValue(addresses) ?? []));
        return command;
    }

    private static int Run(PciAddress[] addresses)
    {
        var check = new VfioEnvironmentCheck();
        var results = new List<CheckResult>(check.CheckSystem());
        foreach (PciAddress address in addresses)
        {
            results.AddRange(check.CheckDevice(address));
        }

        foreach (CheckResult result in results)
        {
            Console.WriteLine(result);
        }

        int failed = results.Count(r => r.Status == CheckStatus.Fail);
        Console.WriteLine(failed == 0 ? "VFIO is ready." : $"{failed} check(s) failed.");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
