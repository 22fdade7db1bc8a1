using System.CommandLine;
using FastPath.Mempool.Memory;
using FastPath.Vfio;
using FastPath.Vfio.Setup;

namespace FastPath.Apps.Devbind;

/// <summary><c>hugepages</c>: reserves 2 MiB hugepages and optionally mounts hugetlbfs.</summary>
internal static class HugepagesCommand
{
    public static Command Create()
    {
        var count = new Option<long>("--count", "-n") { Description = "How many 2 MiB hugepages to reserve in total (512 = 1 GiB).", Required = true };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--count must be 0 or more.");
            }
        });
        var mount = new Option<string?>("--mount") { Description = "Also mount hugetlbfs there, e.g. /mnt/huge (FastPath itself does not need the mount)." };
        var command = new Command("hugepages", "Reserve 2 MiB hugepages and optionally mount hugetlbfs.") { count, mount };
        command.SetAction(result => Run(result.GetValue(count), result.GetValue(mount)));
        return command;
    }

    private static int Run(long count, string? mountPoint)
    {
        var setup = new HugepageSetup();
        try
        {
            setup.Reserve(count);
            HugepageStatus status = setup.ReadStatus();
            Console.WriteLine($"hugepages: {status.Total} reserved, {status.Free} free, {status.PageSize >> 10} KiB each");
            if (mountPoint is not null)
            {
                Console.WriteLine(setup.Mount(mountPoint) ? $"hugetlbfs mounted at {mountPoint}" : $"hugetlbfs already mounted at {mountPoint}");
            }

            return ExitCodes.Success;
        }
        catch (VfioException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
