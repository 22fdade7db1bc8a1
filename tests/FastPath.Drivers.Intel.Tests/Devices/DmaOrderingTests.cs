using System.Runtime.InteropServices;
using FastPath.Drivers.Intel.Devices;

namespace FastPath.Drivers.Intel.Tests.Devices;

public sealed class DmaOrderingTests
{
    [Fact]
    public void X64DrivesHardware()
    {
        Assert.True(DmaOrdering.IsSupported(Architecture.X64));
        DmaOrdering.ThrowIfUnsupported(Architecture.X64);
    }

    [Theory]
    [InlineData(Architecture.Arm64)]
    [InlineData(Architecture.Arm)]
    [InlineData(Architecture.X86)]
    [InlineData(Architecture.RiscV64)]
    [InlineData(Architecture.LoongArch64)]
    public void EveryOtherArchitectureIsRefusedNamingTheCause(Architecture architecture)
    {
        Assert.False(DmaOrdering.IsSupported(architecture));
        var error = Assert.Throws<PlatformNotSupportedException>(() => DmaOrdering.ThrowIfUnsupported(architecture));
        Assert.Contains($"this process is {architecture}", error.Message);
        Assert.Contains("DMA write barrier", error.Message);
        Assert.Contains("x86-64", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
