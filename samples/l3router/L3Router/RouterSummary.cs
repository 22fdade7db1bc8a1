using System.Globalization;
using System.Text;

namespace L3Router;

/// <summary>The exit summary l3router prints to stdout: one fact per line, easy to read and to parse.</summary>
public static class RouterSummary
{
    /// <summary>Formats the totals.</summary>
    /// <param name="ports">The port specs, in id order.</param>
    /// <param name="counters">The lanes' counters, summed.</param>
    /// <param name="audit">The pool audit lines, or null when the engine never stopped cleanly.</param>
    public static string Format(IReadOnlyList<string> ports, RouterCounters counters, IReadOnlyList<string>? audit)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(counters);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"l3router summary");
        for (int p = 0; p < ports.Count; p++)
            Line($"port {p} {ports[p]} rx {counters.ReceivedPerPort[p]} tx {counters.ForwardedPerPort[p]}");
        for (int p = 0; p < ports.Count; p++)
            Line($"forwarded port {p} {counters.ForwardedPerPort[p]}");
        Line($"forwarded total {counters.Forwarded}");
        Line($"drop not-ipv4 {counters.NotIpv4}");
        Line($"drop malformed {counters.Malformed}");
        Line($"drop ttl-expired {counters.TtlExpired}");
        Line($"drop unroutable {counters.Unroutable}");
        Line($"drop tx-full {counters.TxFull}");
        Line($"drop total {counters.Dropped}");
        if (audit is null)
        {
            Line($"pool audit: not run");
        }
        else
        {
            foreach (string line in audit)
                Line($"pool {line}");
        }

        return text.ToString();
    }
}
