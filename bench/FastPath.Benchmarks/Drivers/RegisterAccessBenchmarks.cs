using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastPath.Drivers.Intel.Registers;
using FastPath.Linux.Mmio;

namespace FastPath.Benchmarks.Drivers;

/// <summary>A tail-register write through the generic struct path (inlined) versus through the interface (dispatch).</summary>
[MemoryDiagnoser]
public unsafe class RegisterAccessBenchmarks
{
    private const int Writes = 1024;
    private byte* _bar;
    private MmioRegisters _registers;
    private IRegisterAccess _boxed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bar = (byte*)NativeMemory.AlignedAlloc(4096, 4096);
        _registers = new MmioRegisters(_bar, 4096);
        _boxed = _registers;
    }

    /// <summary>Generic over the struct: the JIT inlines one volatile store.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Writes)]
    public void StructGeneric() => WriteMany(ref _registers);

    /// <summary>Through the interface: a boxed struct and an interface call per write.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public void InterfaceDispatch()
    {
        IRegisterAccess registers = _boxed;
        for (uint i = 0; i < Writes; i++)
        {
            registers.Write(0x18, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteMany<TRegisters>(ref TRegisters registers)
        where TRegisters : struct, IRegisterAccess
    {
        for (uint i = 0; i < Writes; i++)
        {
            registers.Write(0x18, i);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => NativeMemory.AlignedFree(_bar);
}
