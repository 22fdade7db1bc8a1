using System.CommandLine;
using FastPath.Apps.Devbind;

var root = new RootCommand("""
    fastpath-devbind: prepares a machine for FastPath's VFIO drivers.
      status                  network devices with driver and IOMMU group
      bind BDF... / unbind    move devices to / from vfio-pci
      hugepages --count N     reserve 2 MiB hugepages (--mount DIR to mount hugetlbfs)
      check [BDF...]          explain everything that would stop VFIO, with the fix
    Exit codes: 0 success, 1 failure (the output explains it), 2 bad arguments.
    """)
{
    StatusCommand.Create(),
    BindCommands.CreateBind(),
    BindCommands.CreateUnbind(),
    HugepagesCommand.Create(),
    CheckCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run `fastpath-devbind --help` for usage.");
    return ExitCodes.BadArguments;
}

return parsed.Invoke();
