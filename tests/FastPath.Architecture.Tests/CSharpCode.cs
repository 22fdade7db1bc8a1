using System.Text;

namespace FastPath.Architecture.Tests;

/// <summary>
/// Reduces C# source to its code: comments, string and character literals become spaces (line breaks are kept),
/// so a scanner can count braces and find keywords without a parser. Handles verbatim, raw and interpolated strings.
/// </summary>
public static class CSharpCode
{
    public static string StripCommentsAndLiterals(string source)
    {
        var code = new StringBuilder(source.Length);
        int i = 0;
        while (i < source.Length)
        {
            i = Step(source, i, code);
        }

        return code.ToString();
    }

    /// <summary>Copies one token of code or blanks one comment/literal; returns where the next one starts.</summary>
    private static int Step(string s, int i, StringBuilder code)
    {
        char c = s[i];
        if (c == '/' && At(s, i + 1) == '/')
        {
            int end = s.IndexOf('\n', i);
            return Blank(s, i, end < 0 ? s.Length : end, code);
        }

        if (c == '/' && At(s, i + 1) == '*')
        {
            int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return Blank(s, i, end < 0 ? s.Length : end + 2, code);
        }

        if (c == '\'')
        {
            int j = i + 1;
            while (j < s.Length && s[j] != '\'' && s[j] != '\n')
            {
                j += s[j] == '\\' ? 2 : 1;
            }

            return Blank(s, i, Math.Min(j + 1, s.Length), code);
        }

        // String prefixes: $ (any number, for raw interpolation), @, in either order.
        int start = i;
        int dollars = 0;
        bool verbatim = false;
        while (i < s.Length && (s[i] == '$' || s[i] == '@'))
        {
            dollars += s[i] == '$' ? 1 : 0;
            verbatim |= s[i] == '@';
            i++;
        }

        if (At(s, i) != '"')
        {
            if (i > start)
            {
                code.Append(s, start, i - start); // '@' before an identifier, e.g. @class
                return i;
            }

            code.Append(c);
            return i + 1;
        }

        return String(s, start, i, dollars, verbatim, code);
    }

    private static int String(string s, int start, int quote, int dollars, bool verbatim, StringBuilder code)
    {
        int quotes = 0;
        while (At(s, quote + quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // Raw string: ends at the same number of quotes; holes need `dollars` braces.
            string closing = new('"', quotes);
            int end = s.IndexOf(closing, quote + quotes, StringComparison.Ordinal);
            return Blank(s, start, end < 0 ? s.Length : end + quotes, code);
        }

        if (quotes == 2)
        {
            return Blank(s, start, quote + 2, code); // ""
        }

        Blank(s, start, quote + 1, code);
        int j = quote + 1;
        while (j < s.Length)
        {
            char c = s[j];
            if (verbatim && c == '"' && At(s, j + 1) == '"')
            {
                j = Blank(s, j, j + 2, code);
            }
            else if (c == '"')
            {
                return Blank(s, j, j + 1, code);
            }
            else if (!verbatim && c == '\\')
            {
                j = Blank(s, j, Math.Min(j + 2, s.Length), code);
            }
            else if (dollars > 0 && c == '{' && At(s, j + 1) == '{')
            {
                j = Blank(s, j, j + 2, code);
            }
            else if (dollars > 0 && c == '{')
            {
                j = Hole(s, j, code);
            }
            else if (!verbatim && c == '\n')
            {
                return j; // unterminated: stop at the line's end
            }
            else
            {
                j = Blank(s, j, j + 1, code);
            }
        }

        return j;
    }

    /// <summary>An interpolation hole: blanked, but strings inside it are skipped as strings.</summary>
    private static int Hole(string s, int open, StringBuilder code)
    {
        int depth = 0;
        int j = open;
        while (j < s.Length)
        {
            char c = s[j];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return Blank(s, j, j + 1, code);
            }

            if (c is '"' or '$' or '@' or '\'' or '/')
            {
                var inner = new StringBuilder();
                int next = Step(s, j, inner);
                Blank(s, j, next, code);
                j = next;
            }
            else
            {
                j = Blank(s, j, j + 1, code);
            }
        }

        return j;
    }

    private static int Blank(string s, int from, int to, StringBuilder code)
    {
        for (int k = from; k < to; k++)
        {
            code.Append(s[k] == '\n' ? '\n' : ' ');
        }

        return to;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
