using FastPath.Ports.Virtual;
using FastPath.Ports.Registry;
using FastPath.Ports;
using FastPath.Ports.Virtual.Null;
using FastPath.Vfio.Pci;

namespace FastPath.Tests.Ports.Registry;

/// <summary>The shared <c>pci:</c> kind over a fake sysfs tree: address parsing, id lookup, hand-off to the claiming driver.</summary>
public sealed class PciPortKindTests : IDisposable
{
    private readonly string _sys = Directory.CreateTempSubdirectory("fastpath-pci-kind-").FullName;
    private readonly List<string> _opened = [];

    public PciPortKindTests()
    {
        AddDevice("0000:03:00.0", 0x8086, 0x10FB);
        AddDevice("0000:04:00.0", 0x8086, 0x10C9);
        AddDevice("0000:05:00.0", 0x15B3, 0x1017);
    }

    public void Dispose() => Directory.Delete(_sys, recursive: true);

    [Fact]
    public void HandsEachDeviceToTheDriverThatClaimsItsIds()
    {
        PortRegistry factory = CreateFactory(withDrivers: true);
        using var pool = TestPools.Create();
        using (IPort ten = factory.Open("pci:0000:03:00.0:queues=2", TestPools.Context(pool)))
        using (IPort one = factory.Open("pci:0000:04:00.0:no-promisc", TestPools.Context(pool)))
        {
            Assert.Equal(["tengig 0000:03:00.0 8086:10fb", "gig 0000:04:00.0 8086:10c9"], _opened);
        }
    }

    [Fact]
    public void RejectsDeviceIdsNoDriverClaimsNamingTheIdsAndEveryDriver()
    {
        PortRegistry factory = CreateFactory(withDrivers: true);
        using var pool = TestPools.Create();
        var error = Assert.Throws<UsageException>(() => factory.Open("pci:0000:05:00.0", TestPools.Context(pool)));
        Assert.Contains("0000:05:00.0 is 15b3:1017", error.Message);
        Assert.Contains("tengig: 8086:10f7/8086:10fb", error.Message);
        Assert.Contains("gig: 8086:10c9", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(_opened);
    }

    [Theory]
    [InlineData("pci:03:00", "PCI address")]
    [InlineData("pci:0000:zz:00.0", "PCI address")]
    [InlineData("pci:0000:09:00.0", "There is no PCI device 0000:09:00.0")]
    public void RejectsMalformedOrAbsentAddresses(string spec, string expected)
    {
        PortRegistry factory = CreateFactory(withDrivers: true);
        using var pool = TestPools.Create();
        var error = Assert.Throws<UsageException>(() => factory.Open(spec, TestPools.Context(pool)));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_opened);
    }

    [Fact]
    public void RejectsAnOptionTheClaimingDriverDoesNotTake()
    {
        PortRegistry factory = CreateFactory(withDrivers: true);
        using var pool = TestPools.Create();
        var error = Assert.Throws<UsageException>(() => factory.Open("pci:0000:03:00.0:no-promisc", TestPools.Context(pool)));
        Assert.Contains("driven by tengig, which has no flag 'no-promisc'", error.Message);
    }

    [Fact]
    public void WithoutADriverTheKindIsMissingAndTheDispatcherSaysNoneIsRegistered()
    {
        PortRegistry factory = CreateFactory(withDrivers: false);
        var missing = Assert.Throws<UsageException>(() => factory.Parse("pci:0000:03:00.0"));
        Assert.Contains("kind 'pci' is not available in this build", missing.Message);

        var kind = new PciPortKind(new PciSysfs(_sys));
        using var pool = TestPools.Create();
        PortSpec spec = PortSpec.Parse("pci:0000:03:00.0", kind.PortDriver);
        var error = Assert.Throws<UsageException>(() => kind.PortDriver.Open(spec, TestPools.Context(pool)));
        Assert.Contains("0000:03:00.0 is 8086:10fb, but no PCI NIC driver is registered", error.Message);
    }

    [Fact]
    public void TheKindDescribesEveryDriverAndTheUnionOfTheirOptions()
    {
        PortDriver pci = CreateFactory(withDrivers: true).Drivers.Single(d => d.Kind == "pci");
        Assert.Equal("pci:DDDD:BB:DD.F[:queues=N][:rxd=N][:no-promisc]", pci.Syntax);
        Assert.Contains("tengig (ten gig NIC), gig (gig NIC)", pci.Description);
    }

    [Fact]
    public void RefusesToMixAWholeKindDriverWithSharedOnesAndOverlappingIds()
    {
        var whole = new PortDriver { Kind = "pci", Syntax = "pci:ADDR", Description = "whole", TargetName = "PCI address", Open = (_, _) => throw new InvalidOperationException() };
        PortRegistry first = CreateFactory(withDrivers: false);
        first.Register(whole);
        Assert.Throws<InvalidOperationException>(() => first.RegisterPciNic(Driver("tengig", 0x10FB)));

        PortRegistry second = CreateFactory(withDrivers: true);
        Assert.Throws<InvalidOperationException>(() => second.Register(whole));
        var overlap = Assert.Throws<InvalidOperationException>(() => second.RegisterPciNic(Driver("other", 0x10FB)));
        Assert.Contains("8086:10fb", overlap.Message);
        Assert.Throws<InvalidOperationException>(() => second.RegisterPciNic(Driver("gig", 0x1521)));
    }

    private PortRegistry CreateFactory(bool withDrivers)
    {
        PortRegistry factory = VirtualPortDrivers.CreateRegistry(new PciSysfs(_sys));
        if (withDrivers)
        {
            factory.RegisterPciNic(Driver("tengig", 0x10FB, 0x10F7) with { Description = "ten gig NIC", Options = new HashSet<string> { "queues" } });
            factory.RegisterPciNic(Driver("gig", 0x10C9) with { Description = "gig NIC", Options = new HashSet<string> { "rxd" }, Flags = new HashSet<string> { "no-promisc" } });
        }

        return factory;
    }

    private PciNicDriver Driver(string name, params ushort[] deviceIds) => new()
    {
        Name = name,
        Description = name,
        DeviceIds = PciDeviceId.Of(0x8086, deviceIds),
        Open = (device, spec, _) =>
        {
            _opened.Add($"{name} {device.Address} {device.Ids}");
            return new NullPort(new NullPortOptions { Name = spec.Text });
        },
    };

    private void AddDevice(string address, ushort vendor, ushort device)
    {
        string path = Path.Combine(_sys, "bus", "pci", "devices", address);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "vendor"), $"0x{vendor:x4}\n");
        File.WriteAllText(Path.Combine(path, "device"), $"0x{device:x4}\n");
        File.WriteAllText(Path.Combine(path, "class"), "0x020000\n");
    }
}
