using System.Runtime.InteropServices;
using System.Text;
using FastPath.Linux;
using FastPath.Linux.Interop;
using FastPath.Net;
using FastPath.Ports.Virtual.AfPacket.Interop;

namespace FastPath.Ports.Virtual.AfPacket;

/// <summary>
/// Looks up a network interface in the calling thread's network namespace: its index, MAC address and flags
/// (through interface ioctls on a socket of the same namespace, so it is right inside <c>ip netns</c> too).
/// </summary>
internal static unsafe class LinuxInterface
{
    /// <summary>The index of interface <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">No such interface; the message lists the existing ones.</exception>
    public static int GetIndex(string name)
    {
        if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) >= LinuxConstants.InterfaceNameSize || name.Contains('\0'))
        {
            throw new ArgumentException($"'{name}' is not a valid interface name: it must be 1 to {LinuxConstants.InterfaceNameSize - 1} bytes long.", nameof(name));
        }

        uint index = LibC.if_nametoindex(name);
        if (index == 0)
        {
            throw new InvalidOperationException(
                $"Network interface '{name}' does not exist in this network namespace. Existing interfaces: {string.Join(", ", ListNames())}.");
        }

        return (int)index;
    }

    /// <summary>The names of all interfaces of the calling thread's network namespace.</summary>
    public static IReadOnlyList<string> ListNames()
    {
        var names = new List<string>();
        InterfaceNameIndex* list = LibC.if_nameindex();
        if (list == null)
        {
            return names;
        }

        try
        {
            for (InterfaceNameIndex* entry = list; entry->Index != 0; entry++)
            {
                names.Add(Marshal.PtrToStringUTF8((nint)entry->Name) ?? string.Empty);
            }
        }
        finally
        {
            LibC.if_freenameindex(list);
        }

        return names;
    }

    /// <summary>The hardware address of interface <paramref name="name"/>, read through <paramref name="socket"/>.</summary>
    public static MacAddress GetMacAddress(FileDescriptorHandle socket, string name)
    {
        InterfaceRequest request = Request(name);
        Ioctl(socket, name, LinuxConstants.IoctlGetHardwareAddress, &request, "SIOCGIFHWADDR");
        return new MacAddress(new ReadOnlySpan<byte>(request.HardwareAddress, 6));
    }

    /// <summary>Whether interface <paramref name="name"/> is administratively up and has carrier.</summary>
    public static bool IsUpAndRunning(FileDescriptorHandle socket, string name)
    {
        InterfaceRequest request = Request(name);
        Ioctl(socket, name, LinuxConstants.IoctlGetInterfaceFlags, &request, "SIOCGIFFLAGS");
        const short upAndRunning = LinuxConstants.InterfaceFlagUp | LinuxConstants.InterfaceFlagRunning;
        return (request.Flags & upAndRunning) == upAndRunning;
    }

    private static InterfaceRequest Request(string name)
    {
        InterfaceRequest request = default;
        Encoding.UTF8.GetBytes(name, new Span<byte>(request.Name, LinuxConstants.InterfaceNameSize - 1));
        return request;
    }

    private static void Ioctl(FileDescriptorHandle socket, string name, ulong request, InterfaceRequest* argument, string requestName)
    {
        if (LibC.ioctl(socket, (nuint)request, argument) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"{requestName} on interface '{name}' failed ({LibC.Describe(errno)}).");
        }
    }
}
