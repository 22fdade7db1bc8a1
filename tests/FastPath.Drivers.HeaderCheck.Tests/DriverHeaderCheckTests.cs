using System.Reflection;
using System.Runtime.CompilerServices;
using FastPath.Drivers.Igb.Registers;
using FastPath.Drivers.Igb.Statistics;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Drivers.Intel.Queues;
using FastPath.Drivers.Intel.Rx;
using FastPath.Drivers.Ixgbe.Model;
using FastPath.Drivers.Ixgbe.Registers;

namespace FastPath.Drivers.HeaderCheck.Tests;

/// <summary>
/// The igb and ixgbe register maps, bits and descriptor layouts against the kernel's own Intel driver headers
/// (Debian linux-source-6.1: ixgbe_type.h, e1000_regs.h, e1000_defines.h, e1000_82575.h), compiled and printed by gcc.
/// </summary>
public sealed class DriverHeaderCheckTests
{
    /// <summary>The classes whose every constant is either checked against a header or cited to a datasheet.</summary>
    private static readonly Type[] Checked =
    [
        typeof(IxgbeRegister), typeof(IxgbeBits), typeof(IgbRegister), typeof(IgbBits), typeof(IgbStatisticsAccumulator),
        typeof(AdvancedRxStatus), typeof(RxErrorLayout), typeof(AdvancedTxBits), typeof(AdvancedRxDescriptor), typeof(AdvancedTxDescriptor), typeof(QueueRegisterOffsets),
    ];

    [Fact]
    public void The_82599_driver_matches_ixgbe_type_h() => AssertMatches(KernelHeaders.Ixgbe, IxgbeHeaderTable.Rows());

    [Fact]
    public void The_82576_driver_matches_the_e1000_headers() => AssertMatches(KernelHeaders.Igb, IgbHeaderTable.Rows());

    [Fact]
    public void Every_register_bit_and_descriptor_constant_is_checked_or_cited()
    {
        var covered = IxgbeHeaderTable.Rows().Concat(IgbHeaderTable.Rows()).Select(r => r.Name).ToList();
        var cited = IxgbeHeaderTable.NotInTheHeader.Concat(IgbHeaderTable.NotInTheHeader).Select(n => n.Name).ToHashSet();
        var missing = new List<string>();
        foreach (Type type in Checked)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                string name = $"{type.Name}.{field.Name}";
                bool isSize = field.Name == "Size" && type.IsValueType;
                if (!cited.Contains(name) && !covered.Any(c => c == name || c.StartsWith(name + " ", StringComparison.Ordinal) || (isSize && c.StartsWith($"{type.Name}.Size ", StringComparison.Ordinal))))
                {
                    missing.Add(name);
                }
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(_ => type.IsValueType))
            {
                if (!covered.Any(c => c.StartsWith($"{type.Name}.{field.Name} offset", StringComparison.Ordinal)))
                {
                    missing.Add($"{type.Name}.{field.Name} (field offset)");
                }
            }

            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m.ReturnType == typeof(uint)))
            {
                string name = $"{type.Name}.{method.Name}";
                if (!cited.Contains(name) && !covered.Any(c => c.StartsWith(name + "(", StringComparison.Ordinal)))
                {
                    missing.Add(name + "(n)");
                }
            }
        }

        Assert.True(missing.Count == 0, "Neither checked against a kernel header nor cited to a datasheet section in a NotInTheHeader list: " + string.Join(", ", missing));
        Assert.All(cited, name => Assert.DoesNotContain(name, covered));
    }

    [Fact]
    public void The_82599_model_uses_the_driver_constants_and_its_own_are_checked_or_not_registers()
    {
        // The model reads and writes through IxgbeRegister/IxgbeBits/QueueRegisterOffsets and the shared descriptor
        // types, which the checks above cover. Its own constants are listed here: two are register offsets (checked in
        // IxgbeHeaderTable), the rest are simulation parameters or protocol numbers, not register values.
        var checkedHere = IxgbeHeaderTable.Rows().Select(r => r.Name).Where(n => n.StartsWith("Ixgbe82599Model.", StringComparison.Ordinal)).ToHashSet();
        var notRegisters = new Dictionary<string, string>
        {
            ["Ixgbe82599Model.RegisterSpace"] = "82599 datasheet 9.3.6.1: BAR0 memory space size, 512 KiB (not a register)",
            ["Ixgbe82599Model.Queues"] = "the queues the model simulates (IxgbePortOptions.MaxQueues), not a register",
            ["Ixgbe82599Model.HandshakeReads"] = "simulation timing: reads before a self-clearing bit clears",
            ["Ixgbe82599Model.RxPacketBufferBytes"] = "82599 datasheet 8.2.3.8.9 (RXPBSIZE[0] default 512 KB); capacity of the simulated packet buffer",
            ["SimulatedIommu.IovaBase"] = "simulation: the first IOVA the simulated IOMMU hands out",
            ["Ixgbe82599Model.UnmappedIovaBit"] = "simulation: an IOVA bit no mapping has, for the injected DMA to an unmapped address",
            ["TxChecksumOffload.Ipv4ChecksumOffset"] = "RFC 791: the IPv4 header checksum field's byte offset, a protocol layout, not a register",
            ["TxChecksumOffload.TcpChecksumOffset"] = "RFC 9293: the TCP checksum field's byte offset, a protocol layout, not a register",
            ["TxChecksumOffload.UdpChecksumOffset"] = "RFC 768: the UDP checksum field's byte offset, a protocol layout, not a register",
            ["FrameClassification.Tcp"] = "IANA protocol number 6, not a register",
            ["FrameClassification.Udp"] = "IANA protocol number 17, not a register",
            ["SimulatedIxgbePortDrivers.DefaultLinkName"] = "a name, not a register",
        };
        var own = typeof(Ixgbe82599Model).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && !f.DeclaringType!.IsEnum).Select(f => $"{t.Name}.{f.Name}"))
            .ToList();
        Assert.Equal(["Ixgbe82599Model.RxQueueBlock", "Ixgbe82599Model.TxQueueBlock"], checkedHere.Order());
        Assert.All(own, name => Assert.True(checkedHere.Contains(name) || notRegisters.ContainsKey(name), $"The model's {name} is neither checked against ixgbe_type.h nor listed as not a register value."));
    }

    private static void AssertMatches((string Directory, string[] Includes) headers, IReadOnlyList<HeaderValue> rows)
    {
        IReadOnlyList<ulong> actual = KernelHeaders.Evaluate(headers, rows.Select(r => r.CExpression).ToList());
        Assert.Equal(rows.Count, actual.Count);
        var mismatches = rows.Select((row, i) => (row, header: actual[i]))
            .Where(x => x.header != x.row.Value)
            .Select(x => $"{x.row.Name}: C# 0x{x.row.Value:x}, {x.row.CExpression} = 0x{x.header:x}")
            .ToList();
        Assert.True(mismatches.Count == 0, "C# values differ from the kernel headers:\n" + string.Join("\n", mismatches));
    }
}
