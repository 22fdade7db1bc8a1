using System.Reflection;
using System.Runtime.InteropServices;
using FastPath.Linux.Interop;
using FastPath.Vfio.Containers;
using FastPath.Vfio.Interop;

namespace FastPath.Vfio.Tests.HeaderCheck;

/// <summary>Collects, by reflection, every constant, enum member, struct and field of FastPath.Vfio and FastPath.Linux that mirrors C.</summary>
public static class NativeDefinitions
{
    /// <summary>The headers the C program includes.</summary>
    public static readonly string[] Headers =
    [
        "stddef.h", "stdio.h", "errno.h", "fcntl.h", "unistd.h", "sys/ioctl.h", "sys/mman.h", "sys/eventfd.h", "sys/timerfd.h", "time.h", "sys/epoll.h",
        "sys/resource.h", "poll.h", "net/if.h", "sched.h", "linux/vfio.h", "linux/pci_regs.h",
    ];

    /// <summary>The assemblies whose C mirrors are checked: VFIO and the Linux primitives under it.</summary>
    public static IReadOnlyList<Assembly> Libraries => [typeof(VfioContainer).Assembly, typeof(LibC).Assembly];

    public static IReadOnlyList<NativeDefinition> Collect()
    {
        var definitions = new List<NativeDefinition>();
        foreach (Type type in Libraries.SelectMany(library => library.GetTypes()))
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            {
                if (field.GetCustomAttribute<NativeNameAttribute>() is { } constant && field.IsLiteral)
                {
                    definitions.Add(new NativeDefinition(constant.Name, constant.Name, ToUInt64(field.GetRawConstantValue()!), $"{type.Name}.{field.Name}"));
                }
            }

            if (type.GetCustomAttribute<NativeNameAttribute>() is { } structName && type.IsValueType && !type.IsEnum)
            {
                string c = structName.Name;
                definitions.Add(new NativeDefinition($"sizeof({c})", $"sizeof({c})", (ulong)Marshal.SizeOf(type), $"sizeof({type.Name})"));
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                {
                    string member = field.GetCustomAttribute<NativeNameAttribute>()?.Name
                        ?? throw new InvalidOperationException($"{type.Name}.{field.Name} has no [NativeName]: every field of an interop struct must name its C member.");
                    definitions.Add(new NativeDefinition($"offsetof({c}, {member})", $"offsetof({c}, {member})", (ulong)Marshal.OffsetOf(type, field.Name), $"{type.Name}.{field.Name} offset"));
                    definitions.Add(new NativeDefinition($"sizeof(({c}*)0)->{member}", $"sizeof((({c}*)0)->{member})", (ulong)(field.FieldType.IsPointer ? IntPtr.Size : Marshal.SizeOf(field.FieldType)), $"{type.Name}.{field.Name} size"));
                }
            }
        }

        return definitions;
    }

    public static string CProgram(IEnumerable<NativeDefinition> definitions)
    {
        var source = new System.Text.StringBuilder();
        foreach (string header in Headers)
        {
            source.Append("#include <").Append(header).AppendLine(">");
        }

        source.AppendLine("int main(void)\n{");
        foreach (NativeDefinition definition in definitions)
        {
            source.AppendLine($"    printf(\"%s\\t%llu\\n\", \"{definition.Key}\", (unsigned long long)({definition.CExpression}));");
        }

        source.AppendLine("    return 0;\n}");
        return source.ToString();
    }

    private static ulong ToUInt64(object value) => value switch
    {
        nuint n => n,
        nint n => unchecked((ulong)(long)n),
        ulong n => n,
        uint n => n,
        ushort n => n,
        byte n => n,
        long n => unchecked((ulong)n),
        int n => unchecked((ulong)(long)n),
        short n => unchecked((ulong)(long)n),
        sbyte n => unchecked((ulong)(long)n),
        _ => throw new InvalidOperationException($"Unsupported constant type {value.GetType()}."),
    };
}
