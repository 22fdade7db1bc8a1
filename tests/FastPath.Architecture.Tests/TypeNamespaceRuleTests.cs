namespace FastPath.Architecture.Tests;

/// <summary>The type-name rule and the scanner under it, on source strings.</summary>
public class TypeNamespaceRuleTests
{
    [Fact]
    public void A_class_named_like_a_namespace_segment_is_caught()
    {
        const string source = """
            using FastPath.Mempool.Buffers;

            namespace FastPath.Mempool.Pools;

            /// <summary>A pool.</summary>
            public sealed unsafe class Mempool : IDisposable
            {
                private sealed class Pools { } // nested: not a top-level type
            }
            """;

        string violation = Assert.Single(TypeNamespaceRule.Check("src/FastPath.Mempool/Pools/Mempool.cs", source));
        Assert.StartsWith("src/FastPath.Mempool/Pools/Mempool.cs: FastPath.Mempool.Pools.Mempool — the type Mempool", violation);
    }

    [Theory]
    [InlineData("namespace A.Rings; public record Rings(int X);")]
    [InlineData("namespace A.Rings; internal readonly record struct Rings;")]
    [InlineData("namespace A.Rings; public static partial class Rings<T> where T : class { }")]
    [InlineData("namespace A.Rings; [Flags] public enum Rings : byte { None }")]
    [InlineData("namespace A.Rings; file interface Rings { }")]
    [InlineData("namespace A { namespace Rings { public struct Rings { } } }")]
    [InlineData("namespace FastPath { public class FastPath { } }")]
    public void Every_kind_of_declaration_is_caught(string source) => Assert.Single(TypeNamespaceRule.Check("x.cs", source));

    [Theory]
    [InlineData("namespace FastPath.Mempool.Rings; public sealed class Ring { }")]
    [InlineData("namespace FastPath.Mempool.Rings; public sealed class RingSync { public class Rings { } }")]
    [InlineData("namespace FastPath.Mempool.Rings; // class Rings\n/* class Rings */ public class Ring { string s = \"class Rings {\"; }")]
    [InlineData("namespace FastPath.Mempool.Rings; public class Ring<T> where T : class, new() { }")]
    [InlineData("public class Rings { }")]
    public void Other_names_and_mentions_pass(string source) => Assert.Empty(TypeNamespaceRule.Check("x.cs", source));

    [Fact]
    public void The_scanner_finds_types_in_block_namespaces_after_literals()
    {
        const string source = """"
            namespace Outer
            {
                using System;

                internal static class First
                {
                    const string Raw = """ } class NotAType { """;
                    static string Interpolated(int x) => $"{x}}}{{ {(x > 0 ? "}" : "{")} ";
                    const char Brace = '}';
                    static string Verbatim => @"C:\path\"" }";
                }

                namespace Inner
                {
                    public abstract class Second<T> { }
                }

                public enum Third { A, B }
            }
            """";

        Assert.Equal(
            [new DeclaredType("Outer", "First"), new DeclaredType("Outer.Inner", "Second"), new DeclaredType("Outer", "Third")],
            TopLevelTypes.In(source));
    }
}
