using System.Runtime.InteropServices;
using System.Text;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Ports.Virtual.AfXdp.Interop;

namespace FastPath.Ports.Virtual.AfXdp;

/// <summary>
/// The few bpf() commands the AF_XDP port needs, through the raw system call: each returns a descriptor handle, or
/// throws with the command's name and errno.
/// </summary>
internal static unsafe class BpfSyscall
{
    private static readonly nint s_number = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => BpfConstants.NumberX64,
        Architecture.Arm64 => BpfConstants.NumberArm64,
        _ => -1,
    };

    /// <summary>Runs bpf(<paramref name="command"/>) and returns its result, or -1 with the errno in <paramref name="errno"/>.</summary>
    public static int Invoke<T>(int command, ref T attributes, out int errno)
        where T : unmanaged
    {
        if (s_number < 0)
        {
            throw new PlatformNotSupportedException($"The AF_XDP port knows the bpf() system call number on x86-64 and arm64 only, not on {RuntimeInformation.ProcessArchitecture}.");
        }

        fixed (T* pointer = &attributes)
        {
            int result = (int)XdpNative.syscall(s_number, command, pointer, (uint)sizeof(T));
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            return result;
        }
    }

    /// <summary>Creates an XSKMAP of <paramref name="entries"/> slots (key: queue id, value: socket descriptor).</summary>
    public static FileDescriptorHandle CreateXskMap(string name, int entries)
    {
        var attributes = new BpfMapCreateAttributes
        {
            MapType = BpfConstants.MapTypeXskMap,
            KeySize = sizeof(uint),
            ValueSize = sizeof(uint),
            MaxEntries = (uint)entries,
        };
        CopyName(name, attributes.MapName);
        return Check(Invoke(BpfConstants.MapCreate, ref attributes, out int errno), errno, "BPF_MAP_CREATE(XSKMAP)");
    }

    /// <summary>Sets slot <paramref name="key"/> of <paramref name="map"/> to <paramref name="value"/> (a socket descriptor for an XSKMAP).</summary>
    public static void UpdateElement(FileDescriptorHandle map, uint key, uint value)
    {
        var attributes = new BpfMapElementAttributes { MapFd = (uint)map.Fd, Key = (ulong)&key, Value = (ulong)&value };
        CheckSucceeded(Invoke(BpfConstants.MapUpdateElement, ref attributes, out int errno), errno, $"BPF_MAP_UPDATE_ELEM(slot {key})");
    }

    /// <summary>Loads an XDP program; a verifier refusal carries the verifier's log.</summary>
    public static FileDescriptorHandle LoadXdpProgram(string name, ReadOnlySpan<BpfInstruction> instructions)
    {
        byte[] license = "GPL\0"u8.ToArray();
        byte[] log = new byte[16384];
        fixed (BpfInstruction* code = instructions)
        fixed (byte* licenseText = license)
        fixed (byte* logBuffer = log)
        {
            var attributes = new BpfProgramLoadAttributes
            {
                ProgramType = BpfConstants.ProgramTypeXdp,
                InstructionCount = (uint)instructions.Length,
                Instructions = (ulong)code,
                License = (ulong)licenseText,
                LogLevel = 1,
                LogSize = (uint)log.Length,
                LogBuffer = (ulong)logBuffer,
                ExpectedAttachType = BpfConstants.AttachTypeXdp,
            };
            CopyName(name, attributes.ProgramName);
            int fd = Invoke(BpfConstants.ProgramLoad, ref attributes, out int errno);
            if (fd < 0 && errno is not (XdpConstants.ErrorPermission or XdpConstants.ErrorAccess))
            {
                string verifier = Encoding.UTF8.GetString(log).TrimEnd('\0').Trim().Replace('\n', ' ');
                throw new InvalidOperationException($"BPF_PROG_LOAD of the XDP redirect program failed ({LibC.Describe(errno)}); the verifier said: {verifier}");
            }

            return Check(fd, errno, "BPF_PROG_LOAD(XDP)");
        }
    }

    /// <summary>Attaches <paramref name="program"/> to interface <paramref name="interfaceIndex"/> as an XDP link; closing the link detaches it.</summary>
    /// <returns>The link, or null with the errno in <paramref name="errno"/>.</returns>
    public static FileDescriptorHandle? TryCreateXdpLink(FileDescriptorHandle program, int interfaceIndex, uint xdpFlags, out int errno)
    {
        var attributes = new BpfLinkCreateAttributes
        {
            ProgramFd = (uint)program.Fd,
            TargetInterfaceIndex = (uint)interfaceIndex,
            AttachType = BpfConstants.AttachTypeXdp,
            Flags = xdpFlags,
        };
        int fd = Invoke(BpfConstants.LinkCreate, ref attributes, out errno);
        return fd < 0 ? null : new FileDescriptorHandle(fd);
    }

    /// <summary>The id of the next BPF link after <paramref name="id"/>, or 0 when there is none.</summary>
    public static uint NextLinkId(uint id)
    {
        var attributes = new BpfObjectIdAttributes { Id = id };
        return Invoke(BpfConstants.LinkGetNextId, ref attributes, out _) == 0 ? attributes.NextId : 0;
    }

    /// <summary>Opens the BPF link with id <paramref name="id"/>; null when it went away meanwhile.</summary>
    public static FileDescriptorHandle? TryOpenLink(uint id) => TryOpenById(BpfConstants.LinkGetFdById, id);

    /// <summary>Opens the BPF program with id <paramref name="id"/>; null when it went away meanwhile.</summary>
    public static FileDescriptorHandle? TryOpenProgram(uint id) => TryOpenById(BpfConstants.ProgramGetFdById, id);

    /// <summary>Reads the start of the info record of a link or program.</summary>
    public static bool TryGetInfo<T>(FileDescriptorHandle handle, out T info)
        where T : unmanaged
    {
        T result = default;
        var attributes = new BpfObjectInfoAttributes { Fd = (uint)handle.Fd, InfoLength = (uint)sizeof(T), Info = (ulong)&result };
        bool ok = Invoke(BpfConstants.ObjectGetInfoByFd, ref attributes, out _) == 0;
        info = result;
        return ok;
    }

    /// <summary>Detaches a link from its hook, whoever else holds it (the link object lives on, defunct).</summary>
    public static void DetachLink(FileDescriptorHandle link)
    {
        uint fd = (uint)link.Fd;
        CheckSucceeded(Invoke(BpfConstants.LinkDetach, ref fd, out int errno), errno, "BPF_LINK_DETACH");
    }

    /// <summary>Pins <paramref name="handle"/> at <paramref name="path"/> in a bpf file system.</summary>
    public static void Pin(FileDescriptorHandle handle, string path)
    {
        byte[] text = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pathName = text)
        {
            var attributes = new BpfObjectPinAttributes { PathName = (ulong)pathName, Fd = (uint)handle.Fd };
            CheckSucceeded(Invoke(BpfConstants.ObjectPin, ref attributes, out int errno), errno, $"BPF_OBJ_PIN({path})");
        }
    }

    /// <summary>Reads a NUL-padded object name.</summary>
    public static string ReadName(byte* name)
    {
        var bytes = new ReadOnlySpan<byte>(name, BpfConstants.ObjectNameLength);
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static FileDescriptorHandle? TryOpenById(int command, uint id)
    {
        var attributes = new BpfObjectIdAttributes { Id = id };
        int fd = Invoke(command, ref attributes, out _);
        return fd < 0 ? null : new FileDescriptorHandle(fd);
    }

    private static void CopyName(string name, byte* destination) =>
        Encoding.UTF8.GetBytes(name, new Span<byte>(destination, BpfConstants.ObjectNameLength - 1));

    /// <summary>For the commands that return 0 on success, not a descriptor.</summary>
    private static void CheckSucceeded(int result, int errno, string command)
    {
        if (result != 0)
        {
            throw Failure(errno, command);
        }
    }

    private static FileDescriptorHandle Check(int fd, int errno, string command) => fd >= 0 ? new FileDescriptorHandle(fd) : throw Failure(errno, command);

    private static Exception Failure(int errno, string command)
    {
        if (errno is XdpConstants.ErrorPermission or XdpConstants.ErrorAccess)
        {
            return new UnauthorizedAccessException(
                $"bpf({command}) was refused ({LibC.Describe(errno)}): loading and attaching an XDP program needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN). Run as root, or grant them, e.g. 'setcap cap_bpf,cap_net_admin,cap_net_raw+ep' on the executable.");
        }

        return new InvalidOperationException($"bpf({command}) failed ({LibC.Describe(errno)}).");
    }
}
