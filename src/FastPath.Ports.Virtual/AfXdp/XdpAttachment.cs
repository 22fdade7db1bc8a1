using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfXdp.Interop;
using Microsoft.Extensions.Logging;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// The port's XDP side: an XSKMAP with a slot per queue id, the redirect program, and the BPF link that attaches
/// it to the interface. The link lives as long as its descriptor, so the program is detached when the port closes
/// and also when the process dies, however it dies.
/// </summary>
internal sealed class XdpAttachment : IDisposable
{
    private readonly FileDescriptorHandle _map;
    private readonly FileDescriptorHandle _program;
    private FileDescriptorHandle? _link;

    private XdpAttachment(FileDescriptorHandle map, FileDescriptorHandle program)
    {
        _map = map;
        _program = program;
    }

    /// <summary>Where the program runs, once attached.</summary>
    public AfXdpAttachMode Mode { get; private set; }

    /// <summary>The link's descriptor, for a test that pins it to leave a stale program behind.</summary>
    internal FileDescriptorHandle? Link => _link;

    /// <summary>Creates the XSKMAP for queue ids below <paramref name="slots"/> and loads the program (named <paramref name="name"/>; tests give another to play a foreign tool).</summary>
    public static XdpAttachment Load(int slots, string name = XskRedirectProgram.Name)
    {
        FileDescriptorHandle map = BpfSyscall.CreateXskMap(XskRedirectProgram.MapName, slots);
        try
        {
            return new XdpAttachment(map, BpfSyscall.LoadXdpProgram(name, XskRedirectProgram.Build(map.Fd)));
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Puts <paramref name="socket"/> in slot <paramref name="queueId"/>: frames of that queue go to it.</summary>
    public void SetSocket(int queueId, XskSocket socket) => BpfSyscall.UpdateElement(_map, (uint)queueId, (uint)socket.Handle.Fd);

    /// <summary>
    /// Attaches the program to the interface in <paramref name="mode"/> (auto: native, then generic), after
    /// <see cref="ClaimInterface"/> made room.
    /// </summary>
    public void Attach(string interfaceName, int interfaceIndex, AfXdpAttachMode mode, ILogger logger)
    {
        if (mode != AfXdpAttachMode.Generic)
        {
            _link = BpfSyscall.TryCreateXdpLink(_program, interfaceIndex, BpfConstants.XdpFlagsDriverMode, out int errno);
            if (_link is not null)
            {
                Mode = AfXdpAttachMode.Native;
                return;
            }

            if (mode == AfXdpAttachMode.Native || errno is not (XdpConstants.ErrorNotSupported or XdpConstants.ErrorInvalid))
            {
                throw AttachError(errno, interfaceName, "native");
            }

            logger.LogInformation("The driver of {Interface} has no native XDP ({Error}); the XDP program runs in generic (SKB) mode.", interfaceName, LibC.Describe(errno));
        }

        _link = BpfSyscall.TryCreateXdpLink(_program, interfaceIndex, BpfConstants.XdpFlagsSkbMode, out int genericErrno)
            ?? throw AttachError(genericErrno, interfaceName, "generic");
        Mode = AfXdpAttachMode.Generic;
    }

    /// <summary>Detaches the program (closing the link), then frees the program and the map.</summary>
    public void Dispose()
    {
        _link?.Dispose();
        _program.Dispose();
        _map.Dispose();
    }

    /// <summary>
    /// Looks at the XDP program the interface runs, before any socket is bound: a FastPath program no process holds
    /// any more (left pinned) is removed, with a warning; another FastPath port's, or a foreign program, is removed
    /// only when <paramref name="force"/> is set, and otherwise refused with its holder named.
    /// </summary>
    public static void ClaimInterface(string interfaceName, int interfaceIndex, bool force, ILogger logger)
    {
        if (XdpLinkInspector.Find(interfaceIndex) is not XdpLinkInspector.XdpLink existing)
        {
            return;
        }

        bool ours = existing.ProgramName == XskRedirectProgram.Name;
        if (existing.LinkId == 0)
        {
            string what = ours ? "a stale FastPath XDP program" : $"a foreign XDP program '{existing.ProgramName}'";
            throw new InvalidOperationException(
                $"Interface '{interfaceName}' runs {what} (program {existing.ProgramId}) attached through netlink, without a BPF link, which ':force' cannot take over. Detach it with 'ip link set dev {interfaceName} xdp off' (or xdpgeneric off) and start again.");
        }

        IReadOnlyList<int> holders = XdpLinkInspector.FindHolders(existing.LinkId);
        if (ours && holders.Count == 0)
        {
            XdpLinkInspector.Detach(existing.LinkId);
            logger.LogWarning("Removed a stale FastPath XDP program from {Interface} (link {Link}, program {Program}): no process held it any more, only a bpffs pin; delete the pin to free it.", interfaceName, existing.LinkId, existing.ProgramId);
            return;
        }

        string who = holders.Count == 0 ? "a bpffs pin" : $"process {string.Join(", ", holders)}";
        if (!force)
        {
            string what = ours ? "another FastPath port's XDP program" : $"a foreign XDP program '{existing.ProgramName}'";
            throw new InvalidOperationException(
                $"Interface '{interfaceName}' already has {what} attached (link {existing.LinkId}, program {existing.ProgramId}, held by {who}). Stop its owner, or add ':force' to the port spec to detach it.");
        }

        XdpLinkInspector.Detach(existing.LinkId);
        logger.LogWarning("Detached XDP program '{Name}' (link {Link}, held by {Who}) from {Interface}, as ':force' asked.", existing.ProgramName, existing.LinkId, who, interfaceName);
    }

    private static Exception AttachError(int errno, string interfaceName, string mode) => errno switch
    {
        XdpConstants.ErrorBusy or XdpConstants.ErrorExists => new InvalidOperationException(
            $"Interface '{interfaceName}' already has an XDP program attached without a BPF link ({LibC.Describe(errno)}), e.g. by 'ip link'; ':force' cannot take such a program over. Detach it with 'ip link set dev {interfaceName} xdp off' (or xdpgeneric off) and start again."),
        XdpConstants.ErrorNotSupported or XdpConstants.ErrorInvalid when mode == "native" => new InvalidOperationException(
            $"The driver of '{interfaceName}' has no native XDP ({LibC.Describe(errno)}); use mode=generic (or mode=auto) in the port spec."),
        XdpConstants.ErrorPermission or XdpConstants.ErrorAccess => new UnauthorizedAccessException(
            $"Attaching XDP to '{interfaceName}' was refused ({LibC.Describe(errno)}): it needs CAP_NET_ADMIN and CAP_BPF. Run as root, or grant them with setcap."),
        _ => new InvalidOperationException($"Attaching the XDP program to '{interfaceName}' in {mode} mode failed ({LibC.Describe(errno)})."),
    };
}
