using System.Text;
using FastPath.Ports;

namespace FastPath.Hosting.Screen;

/// <summary>Appends an application's own lines (pktgen's receiver verdict) to a <see cref="LiveScreen"/> redraw.</summary>
/// <param name="text">The screen being built; each line ends with <see cref="StringBuilder.AppendLine()"/>.</param>
public delegate void ScreenSection(StringBuilder text);

/// <summary>What a <see cref="LiveScreen"/> shows besides the statistics rows and the lcores.</summary>
public sealed class ScreenContent
{
    /// <summary>The first line: the application and what it runs on.</summary>
    public required string Title { get; init; }

    /// <summary>The ports whose link, speed and error counters are shown, in port-id order.</summary>
    public required IReadOnlyList<IPort> Ports { get; init; }

    /// <summary>Lines added after the lcores, or null.</summary>
    public ScreenSection? Section { get; init; }
}
