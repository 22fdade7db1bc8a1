using System.Runtime.InteropServices;

namespace FastPath.Drivers.Intel.Devices;

/// <summary>
/// The architectures on which the drivers' memory ordering towards the device is right, and the refusal elsewhere.
/// The drivers write descriptors to ordinary memory, then ring the tail doorbell with <c>MmioRegisters.Write</c>, a
/// volatile (release) store; they read write-back descriptors with volatile loads. On x86-64 that suffices: stores
/// reach memory and the device in program order, and uncached MMIO stores are not reordered with earlier stores. On
/// Arm64 (and other weakly ordered machines) it does not: the descriptor stores need a DMA write barrier (<c>dmb oshst</c>
/// or <c>dsb st</c>) before the doorbell, and descriptor reads need a read barrier after the DD check. The drivers have
/// no such barriers, so they refuse to open hardware there instead of corrupting DMA silently.
/// </summary>
public static class DmaOrdering
{
    /// <summary>Whether the drivers may drive hardware on <paramref name="architecture"/>: only on x86-64.</summary>
    public static bool IsSupported(Architecture architecture) => architecture == Architecture.X64;

    /// <summary>Throws a <see cref="PlatformNotSupportedException"/> naming the cause when <paramref name="architecture"/> is not x86-64.</summary>
    /// <param name="architecture">The process's architecture (<see cref="RuntimeInformation.ProcessArchitecture"/>), or another to check.</param>
    /// <exception cref="PlatformNotSupportedException">The architecture is not x86-64.</exception>
    public static void ThrowIfUnsupported(Architecture architecture)
    {
        if (!IsSupported(architecture))
        {
            throw new PlatformNotSupportedException(
                $"The igb/ixgbe drivers drive hardware only on x86-64, and this process is {architecture}: their tail doorbell is a plain volatile store, which needs a DMA write barrier before it there; use a virtual port (afpacket:, pcap:, ring:) on this machine.");
        }
    }
}
