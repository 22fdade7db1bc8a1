using FastPath.Linux.Threading;

namespace FastPath.Lcores;

/// <summary>The cores this process may run on (its CPU affinity mask, as <c>taskset</c> or a cgroup set it).</summary>
public static class AllowedCores
{
    /// <summary>The allowed cores, ascending.</summary>
    public static IReadOnlyList<int> Read() => ThreadAffinity.GetAllowedCores();

    /// <summary>The first <paramref name="count"/> allowed cores (fewer when fewer are allowed), a default lcore list.</summary>
    public static IReadOnlyList<int> First(int count) => [.. ThreadAffinity.GetAllowedCores().Take(Math.Max(1, count))];
}
