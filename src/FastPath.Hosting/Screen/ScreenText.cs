using System.Globalization;
using System.Text;

namespace FastPath.Hosting.Screen;

/// <summary>
/// Right-aligned numeric cells for the live screen, formatted with the numbers' own <c>TryFormat</c> into stack
/// buffers and copied into the screen's <see cref="StringBuilder"/>, so that a redraw formats without allocating.
/// </summary>
public static class ScreenText
{
    /// <summary>Appends <paramref name="text"/> cut or padded to <paramref name="width"/> characters (left-aligned).</summary>
    public static StringBuilder Label(this StringBuilder builder, string text, int width)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > width
            ? builder.Append(text.AsSpan(0, width - 1)).Append('…')
            : builder.Append(text).Append(' ', width - text.Length);
    }

    /// <summary>Appends a space and <paramref name="value"/> right-aligned in <paramref name="width"/> characters.</summary>
    public static StringBuilder Cell(this StringBuilder builder, ulong value, int width)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Span<char> cell = stackalloc char[24];
        value.TryFormat(cell, out int length, default, CultureInfo.InvariantCulture);
        return builder.Append(' ').Append(' ', Math.Max(0, width - length)).Append(cell[..length]);
    }

    /// <summary>Appends a space and <paramref name="value"/> with <paramref name="format"/> (e.g. "0.000"), right-aligned.</summary>
    public static StringBuilder Cell(this StringBuilder builder, double value, int width, string format)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Span<char> cell = stackalloc char[32];
        if (!value.TryFormat(cell, out int length, format, CultureInfo.InvariantCulture))
        {
            cell[0] = '-';
            length = 1;
        }

        return builder.Append(' ').Append(' ', Math.Max(0, width - length)).Append(cell[..length]);
    }

    /// <summary>Appends <paramref name="value"/> with no padding.</summary>
    public static StringBuilder Number(this StringBuilder builder, ulong value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Span<char> cell = stackalloc char[24];
        value.TryFormat(cell, out int length, default, CultureInfo.InvariantCulture);
        return builder.Append(cell[..length]);
    }
}
