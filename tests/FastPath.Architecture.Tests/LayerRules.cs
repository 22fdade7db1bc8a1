namespace FastPath.Architecture.Tests;

/// <summary>Checks a project graph against a layer map; every violation is one readable line.</summary>
public static class LayerRules
{
    public static IReadOnlyList<string> Check(ProjectGraph graph, LayerMap map)
    {
        var violations = new List<string>();
        foreach (ProjectNode project in graph.Projects)
        {
            Layer? layer = map.LayerOf(project);
            if (layer == null)
            {
                violations.Add($"{project} ({project.Name}) is in no layer: add it to the layer map");
                continue;
            }

            foreach (string package in project.Packages.Where(p => layer.ForbiddenPackages.Contains(p, StringComparer.OrdinalIgnoreCase)))
            {
                violations.Add($"{project} references package {package}, which {layer} ({layer.Name}) must not use");
            }

            foreach (string folder in project.ProjectReferences)
            {
                if (CheckReference(graph, map, project, layer, folder) is { } violation)
                {
                    violations.Add(violation);
                }
            }
        }

        violations.AddRange(Cycles.Find(graph).Select(cycle => $"reference cycle: {string.Join(" -> ", cycle)}"));
        return violations;
    }

    private static string? CheckReference(ProjectGraph graph, LayerMap map, ProjectNode from, Layer fromLayer, string folder)
    {
        ProjectNode? to = graph.Find(folder);
        if (to == null)
        {
            return $"{from} references {folder}, which is not a project of the repository";
        }

        Layer? toLayer = map.LayerOf(to);
        if (toLayer == null || fromLayer.ReferencesAnything || toLayer.Number < fromLayer.Number)
        {
            return null; // an unknown target is reported on its own
        }

        if (toLayer.Number > fromLayer.Number)
        {
            return $"{from} references {to.Name} ({toLayer}) from {fromLayer}: references must point down";
        }

        return map.IsAllowedPeerEdge(from, to)
            ? null
            : $"{from} references {to.Name}, a peer in {fromLayer} ({fromLayer.Name}), without an allowed peer edge";
    }
}
