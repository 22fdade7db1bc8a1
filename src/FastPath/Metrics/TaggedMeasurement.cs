using System.Diagnostics.Metrics;
using System.Numerics;
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
    /// <summary>Whether measurements of both kinds the meter reports are made without copying their tags (the runtime's layout was recognised).</summary>
    public static bool SharesTags => Layout<long>.Matches && Layout<double>.Matches;

    /// <summary>A measurement of <paramref name="value"/> tagged with <paramref name="tags"/>, which must never change.</summary>
    public static Measurement<T> Create<T>(T value, KeyValuePair<string, object?>[] tags)
        where T : struct, INumber<T>
    {
        if (!Layout<T>.Matches)
        {
            return new Measurement<T>(value, tags);
        }

        var fields = new Fields<T> { Tags = tags, Value = value };
        return Unsafe.As<Fields<T>, Measurement<T>>(ref fields);
    }

    /// <summary>The layout check for one value type, made once.</summary>
    private static class Layout<T>
        where T : struct, INumber<T>
    {
        public static readonly bool Matches = Check();

        private static bool Check()
        {
            if (Unsafe.SizeOf<Fields<T>>() != Unsafe.SizeOf<Measurement<T>>())
            {
                return false;
            }

            KeyValuePair<string, object?>[] probe = [new("probe", null)];
            T value = T.CreateTruncating(0x0123_4567_89AB_CDEF);
            var fields = new Fields<T> { Tags = probe, Value = value };
            Measurement<T> measurement = Unsafe.As<Fields<T>, Measurement<T>>(ref fields);
            return measurement.Value == value && measurement.Tags.Length == 1
                && Unsafe.AreSame(ref MemoryMarshal.GetReference(measurement.Tags), ref probe[0]);
        }
    }

    /// <summary>The fields of <see cref="Measurement{T}"/>, in its declaration order.</summary>
    private struct Fields<T>
    {
        public KeyValuePair<string, object?>[] Tags;
        public T Value;
    }
}
