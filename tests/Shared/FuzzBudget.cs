using System.Globalization;
using CsCheck;

namespace FastPath.Testing;

/// <summary>
/// The budget of the property-based fuzz campaign, shared by every test project's Fuzz tests (linked into each):
/// each property runs for <see cref="SecondsVariable"/> seconds (default <see cref="DefaultSeconds"/>, which CI uses) on one
/// thread, from a random seed, or replays the one in <see cref="SeedVariable"/>. A failing property prints its shrunk
/// input and seed; the input then becomes a regression case kept next to the property.
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Seconds each property runs; 0 runs only the regression cases.</summary>
    public const string SecondsVariable = "FASTPATH_FUZZ_SECONDS";

    /// <summary>A CsCheck seed to replay a failure with.</summary>
    public const string SeedVariable = "FASTPATH_FUZZ_SEED";

    /// <summary>Seconds per property when <see cref="SecondsVariable"/> is unset.</summary>
    public const int DefaultSeconds = 2;

    /// <summary>The seconds each property runs.</summary>
    public static int Seconds { get; } = ReadSeconds();

    /// <summary>Runs <paramref name="property"/> on inputs from <paramref name="gen"/> for the budget; throws with the shrunk failing input.</summary>
    public static void Run<T>(Gen<T> gen, Action<T> property, Func<T, string>? print = null)
    {
        if (Seconds == 0)
        {
            return;
        }

        gen.Sample(property, seed: Environment.GetEnvironmentVariable(SeedVariable), time: Seconds, threads: 1, print: print);
    }

    private static int ReadSeconds()
    {
        string? text = Environment.GetEnvironmentVariable(SecondsVariable);
        if (string.IsNullOrEmpty(text))
        {
            return DefaultSeconds;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds <= 3600
            ? seconds
            : throw new InvalidOperationException($"{SecondsVariable}={text} is not a number of seconds from 0 to 3600; unset it for the default of {DefaultSeconds}.");
    }
}
