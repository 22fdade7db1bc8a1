using FastPath.Linux;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// Finds the XDP program an interface runs (netlink), the BPF link that holds it (BPF_LINK_GET_NEXT_ID), and
/// for the holders reads <c>/proc/PID/fdinfo</c>, where every open link descriptor shows its <c>link_id</c>.
/// </summary>
internal static unsafe class XdpLinkInspector
{
    /// <summary>An XDP link on an interface: its id, its program's id and name.</summary>
    public readonly record struct XdpLink(uint LinkId, uint ProgramId, string ProgramName);

    /// <summary>
    /// The XDP program interface <paramref name="interfaceIndex"/> (of the calling thread's namespace) runs, and the
    /// link that attaches it (<see cref="XdpLink.LinkId"/> 0: attached through netlink, without a link).
    /// </summary>
    public static XdpLink? Find(int interfaceIndex)
    {
        uint programId = XdpProgramQuery.AttachedProgramId(interfaceIndex);
        if (programId == 0)
        {
            return null;
        }

        for (uint id = BpfSyscall.NextLinkId(0); id != 0; id = BpfSyscall.NextLinkId(id))
        {
            using FileDescriptorHandle? link = BpfSyscall.TryOpenLink(id);
            if (link is not null && BpfSyscall.TryGetInfo(link, out BpfLinkInfo info) && info.Type == BpfConstants.LinkTypeXdp && info.ProgramId == programId)
            {
                return new XdpLink(id, programId, ProgramName(programId));
            }
        }

        return new XdpLink(0, programId, ProgramName(programId));
    }

    /// <summary>The ids of the processes with a descriptor of link <paramref name="linkId"/> open (none: only a bpffs pin keeps it).</summary>
    public static IReadOnlyList<int> FindHolders(uint linkId)
    {
        string wanted = $"link_id:\t{linkId}";
        var holders = new List<int>();
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out int pid))
            {
                continue;
            }

            if (EnumerateFdinfo(process).Any(fdinfo => Mentions(fdinfo, wanted)))
            {
                holders.Add(pid);
            }
        }

        return holders;
    }

    /// <summary>Detaches link <paramref name="linkId"/> from its interface.</summary>
    public static void Detach(uint linkId)
    {
        using FileDescriptorHandle link = BpfSyscall.TryOpenLink(linkId)
            ?? throw new InvalidOperationException($"BPF link {linkId} went away before it could be detached.");
        BpfSyscall.DetachLink(link);
    }

    private static IEnumerable<string> EnumerateFdinfo(string process)
    {
        try
        {
            return Directory.GetFiles(Path.Combine(process, "fdinfo"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Whether one descriptor's fdinfo has line <paramref name="wanted"/>; a descriptor closed meanwhile has not.</summary>
    private static bool Mentions(string fdinfo, string wanted)
    {
        try
        {
            return File.ReadLines(fdinfo).Any(line => line == wanted);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string ProgramName(uint programId)
    {
        using FileDescriptorHandle? program = BpfSyscall.TryOpenProgram(programId);
        if (program is null || !BpfSyscall.TryGetInfo(program, out BpfProgramInfo info))
        {
            return "?";
        }

        return BpfSyscall.ReadName(info.Name);
    }
}
