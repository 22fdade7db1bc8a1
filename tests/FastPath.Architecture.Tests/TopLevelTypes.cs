using System.Text.RegularExpressions;

namespace FastPath.Architecture.Tests;

/// <summary>A type declared directly in a namespace (not nested in another type).</summary>
public sealed record DeclaredType(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";
}

/// <summary>
/// Finds the top-level types of a C# file (class, struct, record, interface, enum, with any modifiers and type
/// parameters) and the namespace each is in, file-scoped or block, by scanning tokens and counting braces.
/// </summary>
public static partial class TopLevelTypes
{
    private static readonly HashSet<string> TypeKeywords = ["class", "struct", "record", "interface", "enum"];

    public static IReadOnlyList<DeclaredType> In(string source)
    {
        var types = new List<DeclaredType>();
        var namespaces = new Stack<(string Name, int Depth)>(); // block namespaces: their name and the depth inside them
        string fileNamespace = "";
        string? pendingNamespace = null; // seen "namespace X", waiting for ';' or '{'
        int depth = 0;

        List<string> tokens = Token().Matches(CSharpCode.StripCommentsAndLiterals(source)).Select(m => m.Value).ToList();
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            switch (token)
            {
                case "{":
                    depth++;
                    if (pendingNamespace != null)
                    {
                        string outer = namespaces.Count > 0 ? namespaces.Peek().Name : fileNamespace;
                        namespaces.Push((Join(outer, pendingNamespace), depth));
                        pendingNamespace = null;
                    }

                    break;
                case "}":
                    if (namespaces.Count > 0 && namespaces.Peek().Depth == depth)
                    {
                        namespaces.Pop();
                    }

                    depth--;
                    break;
                case ";" when pendingNamespace != null:
                    fileNamespace = pendingNamespace;
                    pendingNamespace = null;
                    break;
                case "namespace" when i + 1 < tokens.Count:
                    pendingNamespace = tokens[++i];
                    break;
                default:
                    int typeDepth = namespaces.Count > 0 ? namespaces.Peek().Depth : 0;
                    if (depth == typeDepth && TypeKeywords.Contains(token) && NameAfter(tokens, i) is { } name)
                    {
                        types.Add(new DeclaredType(namespaces.Count > 0 ? namespaces.Peek().Name : fileNamespace, name));
                        i += token == "record" && tokens[i + 1] is "struct" or "class" ? 2 : 1; // past the name
                    }

                    break;
            }
        }

        return types;
    }

    /// <summary>The declared name after a type keyword (<c>record struct Name</c> too), or null where the keyword is
    /// not a declaration (a <c>where T : class</c> constraint).</summary>
    private static string? NameAfter(List<string> tokens, int keyword)
    {
        int i = keyword + 1;
        if (tokens[keyword] == "record" && i < tokens.Count && tokens[i] is "struct" or "class")
        {
            i++;
        }

        return i < tokens.Count && Identifier().IsMatch(tokens[i]) && !TypeKeywords.Contains(tokens[i]) && tokens[i] != "where"
            ? tokens[i].TrimStart('@')
            : null;
    }

    private static string Join(string outer, string inner) => outer.Length == 0 ? inner : $"{outer}.{inner}";

    [GeneratedRegex(@"@?[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*|[{};]|\S")]
    private static partial Regex Token();

    [GeneratedRegex(@"^@?[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial Regex Identifier();
}
