namespace FastPath.Architecture.Tests;

/// <summary>Finds the reference cycles of a project graph (depth-first search; each cycle once, from where it is entered).</summary>
public static class Cycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(ProjectGraph graph)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var done = new HashSet<string>();
        var path = new List<string>();

        void Visit(string folder)
        {
            int onPath = path.IndexOf(folder);
            if (onPath >= 0)
            {
                cycles.Add([.. path[onPath..], folder]);
                return;
            }

            if (!done.Add(folder) || graph.Find(folder) is not { } project)
            {
                return;
            }

            path.Add(folder);
            foreach (string reference in project.ProjectReferences)
            {
                Visit(reference);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (ProjectNode project in graph.Projects)
        {
            Visit(project.Folder);
        }

        return cycles;
    }
}
