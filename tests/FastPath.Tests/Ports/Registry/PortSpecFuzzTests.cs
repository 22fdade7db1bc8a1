using CsCheck;
using FastPath.Lcores;
using FastPath.Ports.Registry;
using FastPath.Ports.Virtual;

namespace FastPath.Tests.Ports.Registry;

/// <summary>
/// Fuzzes port-spec parsing with the kinds, options and flags the virtual drivers declare: any text parses into a
/// spec that says back what it was given, or fails with a one-line <see cref="UsageException"/>; reading an integer
/// option gives a value in range or a <see cref="UsageException"/>. Also the --lcores core-list parser.
/// </summary>
public sealed class PortSpecFuzzTests
{
    private static readonly PortRegistry Registry = VirtualPortDrivers.CreateRegistry();

    private static readonly Gen<string> Segment = Gen.Frequency(
        (3, Gen.OneOf("null", "ring", "af_packet", "pcap", "pcap_out", "pci", "sim", "rx", "tx", "queues", "loop", "timed", "link", "x", "", "0000", "03", "00.0")),
        (2, Gen.OneOf("rx=", "rx=64", "queues=", "queues=2", "queues=-1", "queues=99999999999", "loop=0", "loop=+1", "rx=1=2", "=", "==", "timed=")),
        (1, Gen.Char["abcx019=:_.-"].Array[0, 8].Select(c => new string(c))));

    private static readonly Gen<string> Spec = Segment.Array[1, 6].Select(parts => string.Join(':', parts));

    [Fact]
    public void AnySpecParsesOrFailsWithAUsageError() =>
        FuzzBudget.Run(Spec, text =>
        {
            PortSpec spec;
            try
            {
                spec = Registry.Parse(text);
            }
            catch (UsageException error)
            {
                Assert.DoesNotContain('\n', error.Message);
                Assert.Contains(text, error.Message, StringComparison.Ordinal);
                return;
            }

            Assert.Equal(PortSpec.KindOf(text), spec.Kind);
            Assert.Equal(text, spec.Text);
            // The spec says back what it was given: kind, target, then the options in the order written.
            string[] segments = text.Split(':');
            int optionCount = spec.Options.Count;
            Assert.Equal(spec.Target, string.Join(':', segments, 1, segments.Length - 1 - optionCount));
            foreach (string segment in segments[(segments.Length - optionCount)..])
            {
                int equals = segment.IndexOf('=');
                string name = equals < 0 ? segment : segment[..equals];
                Assert.True(spec.Options.TryGetValue(name, out string? value));
                Assert.Equal(equals < 0 ? null : segment[(equals + 1)..], value);
            }

            foreach (string name in spec.Options.Keys)
            {
                try
                {
                    Assert.InRange(spec.GetInt(name, 7, 1, 64), 1, 64);
                }
                catch (UsageException error)
                {
                    Assert.Contains(name, error.Message, StringComparison.Ordinal);
                }
            }
        });

    [Fact]
    public void AnyCoreListParsesOrFailsWithAFormatError() =>
        FuzzBudget.Run(Gen.Char["0123456789,- "].Array[0, 16].Select(c => new string(c)), text =>
        {
            try
            {
                int[] cores = CoreList.Parse(text);
                Assert.NotEmpty(cores);
                Assert.All(cores, core => Assert.InRange(core, 0, CoreList.MaxCore));
                Assert.Equal(cores.Length, cores.Distinct().Count());
            }
            catch (FormatException error)
            {
                Assert.DoesNotContain('\n', error.Message);
            }
        });
}
