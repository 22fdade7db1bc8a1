using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPath.Metrics;

/// <summary>
/// Makes a <see cref="Measurement{T}"/> whose tags are an array made once per series. Every public constructor of
/// <see cref="Measurement{T}"/> copies its tags into a new array (System.Diagnostics.DiagnosticSource's
/// Measurement.cs), which would cost one array per series per collection. The struct holds exactly its tag array and its
/// value; this type writes those two fields directly, after checking once, at start-up, that the runtime's layout is
/// the one it expects. Where the check fails it falls back to the copying constructor: correct, only not free.
/// </summary>
internal static class TaggedMeasurement
{
    private static readonly bool s_layoutMatches = CheckLayout();

    /// <summary>Whether measurements are made without copying their tags (the runtime's layout was recognised).</summary>
    public static bool SharesTags => s_layoutMatches;

    /// <summary>A measurement of <paramref name="value"/> tagged with <paramref name="tags"/>, which must never change.</summary>
    public static Measurement<long> Create(long value, KeyValuePair<string, object?>[] tags)
    {
        if (!s_layoutMatches)
        {
            return new Measurement<long>(value, tags);
        }

        var fields = new Fields { Tags = tags, Value = value };
        return Unsafe.As<Fields, Measurement<long>>(ref fields);
    }

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<Fields>() != Unsafe.SizeOf<Measurement<long>>())
        {
            return false;
        }

        KeyValuePair<string, object?>[] probe = [new("probe", null)];
        const long Value = 0x0123_4567_89AB_CDEF;
        var fields = new Fields { Tags = probe, Value = Value };
        Measurement<long> measurement = Unsafe.As<Fields, Measurement<long>>(ref fields);
        return measurement.Value == Value && measurement.Tags.Length == 1
            && Unsafe.AreSame(ref MemoryMarshal.GetReference(measurement.Tags), ref probe[0]);
    }

    /// <summary>The fields of <see cref="Measurement{T}"/> of <see cref="long"/>, in its declaration order.</summary>
    private struct Fields
    {
        public KeyValuePair<string, object?>[] Tags;
        public long Value;
    }
}
