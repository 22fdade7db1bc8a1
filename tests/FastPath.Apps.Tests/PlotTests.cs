using System.Buffers.Binary;
using FastPath.Hosting.Plots;
using SkiaSharp;

namespace FastPath.Apps.Tests;

/// <summary>
/// pktgen --rx --plot FILE.png over a capture of pktgen's probes replayed at capture pace: the PNG is a PNG of the
/// defined size (signature and IHDR read by hand), decodes with SkiaSharp, and holds both plots' colours.
/// </summary>
public sealed class PlotTests
{
    [Fact]
    public void Pktgen_rx_plot_writes_a_png_of_the_defined_size_with_the_histogram_and_the_rate()
    {
        string work = Directory.CreateTempSubdirectory("fastpath-plot-test-").FullName;
        try
        {
            string capture = Path.Combine(work, "probes.pcap"), png = Path.Combine(work, "rx.png");
            (int wrote, string wroteOut, string wroteErr) = AppProcess.Run("pktgen", "--port", $"pcap-out:{capture}", "--rate", "20kpps", "--count", "60000", "--size", "64-1518", "--hugepages", "Never", "--no-pin", "--stats-interval", "0");
            Assert.True(wrote == 0, $"{wroteOut}\n{wroteErr}");

            (int exitCode, string stdout, string stderr) = AppProcess.Run("pktgen", "--rx", "--port", $"pcap:{capture}:timed", "--duration", "4", "--plot", png, "--hugepages", "Never", "--no-pin", "--stats-interval", "0");

            Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
            Assert.Matches(@"plot: .*rx\.png \(1200×500\): latency histogram of \d+ probes, receive rate over [34] s", stdout);
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(PlotData.DefaultWidth, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(PlotData.DefaultHeight, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));

            using SKBitmap image = SKBitmap.Decode(png);
            Assert.NotNull(image);
            Assert.Equal((PlotData.DefaultWidth, PlotData.DefaultHeight), (image.Width, image.Height));
            var colours = new HashSet<uint>();
            int histogram = 0, rate = 0;
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    SKColor c = image.GetPixel(x, y);
                    colours.Add((uint)c);
                    histogram += x < image.Width / 2 && c == new SKColor(0x46, 0x82, 0xB4) ? 1 : 0; // SteelBlue bars, left half
                    rate += x >= image.Width / 2 && c == new SKColor(0x2E, 0x8B, 0x57) ? 1 : 0;     // SeaGreen line, right half
                }
            }

            Assert.True(colours.Count > 20, $"only {colours.Count} colours: no text or axes drawn");
            Assert.True(histogram > 1000, $"{histogram} histogram-bar pixels in the left half");
            Assert.True(rate > 100, $"{rate} rate-line pixels in the right half");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
