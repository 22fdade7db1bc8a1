using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace FastPath.Apps.Tests;

/// <summary>
/// bench/crank/fastpath.yml against the apps it runs: the jobs, scenario and profiles Crank needs are there, each
/// job's arguments (with the one-machine profile's variables) are options the app accepts, and each ready text is a
/// line the app prints on stdout, which is where Crank's agent looks for it.
/// </summary>
public sealed partial class CrankConfigTests
{
    private static readonly YamlMappingNode s_root = Load();

    [Fact]
    public void HasTheJobsScenarioAndProfilesCrankNeeds()
    {
        YamlMappingNode jobs = Map(s_root, "jobs");
        Assert.Equal("rx pkts", Text(Map(jobs, "l2fwd"), "readyStateText"));
        Assert.Equal("pktgen --rx:", Text(Map(jobs, "pktgen-rx"), "readyStateText"));
        Assert.Equal("true", Text(Map(jobs, "pktgen"), "waitForExit"));
        foreach (string job in new[] { "l2fwd", "pktgen-rx", "pktgen" })
        {
            string project = Text(Map(Map(jobs, job), "source"), "project");
            Assert.True(File.Exists(Path.Combine(RepositoryRoot, project)), $"job {job}: no project {project}");
            Assert.Contains("--crank", Text(Map(jobs, job), "arguments"));
        }

        YamlMappingNode scenario = Map(Map(s_root, "scenarios"), "forward");
        Assert.Equal("l2fwd", Text(Map(scenario, "application"), "job"));
        Assert.Equal("pktgen-rx", Text(Map(scenario, "receiver"), "job"));
        Assert.Equal("pktgen", Text(Map(scenario, "load"), "job"));
        foreach (string profile in new[] { "local", "two-machines" })
        {
            YamlMappingNode profileJobs = Map(Map(Map(s_root, "profiles"), profile), "jobs");
            foreach (string role in new[] { "application", "receiver", "load" })
            {
                var endpoints = (YamlSequenceNode)Map(profileJobs, role).Children[new YamlScalarNode("endpoints")];
                Assert.NotEmpty(endpoints.Children);
            }
        }
    }

    /// <summary>
    /// With the local profile's veths absent, the only error may be the missing interface: had an argument been
    /// wrong, the app would have named it first (it checks every argument before it opens a port).
    /// </summary>
    [Theory]
    [InlineData("l2fwd", "l2fwd")]
    [InlineData("pktgen-rx", "pktgen")]
    [InlineData("pktgen", "pktgen")]
    public void EveryJobsArgumentsAreOptionsTheAppTakes(string job, string app)
    {
        string[] args = Arguments(job, "local");
        Assert.DoesNotContain(args, a => a.Contains("{{", StringComparison.Ordinal));
        (int exitCode, string stdout, string stderr) = AppProcess.Run(app, [.. args, "--hugepages", "Never", "--no-pin"]);
        Assert.True(exitCode == 2, $"exit {exitCode}: {stdout} {stderr}");
        Assert.Matches(@"^\S+: .*'fp-(gen|in|rcv)'.*does not exist", stderr.Trim());
    }

    [Theory]
    [InlineData("l2fwd", "l2fwd", new[] { "--port", "null", "--port", "null", "--lcores", "0", "--duration", "2", "--stats-interval", "1", "--crank" })]
    [InlineData("pktgen-rx", "pktgen", new[] { "--port", "null", "--rx", "--lcores", "0", "--duration", "1", "--crank" })]
    public void EachReadyTextIsALineTheAppPrintsOnStdout(string job, string app, string[] args)
    {
        (int exitCode, string stdout, string stderr) = AppProcess.Run(app, [.. args, "--no-pin", "--hugepages", "Never"]);
        Assert.True(exitCode == 0, $"exit {exitCode}: {stdout} {stderr}");
        Assert.Contains(Text(Map(Map(s_root, "jobs"), job), "readyStateText"), stdout);
    }

    private static string RepositoryRoot
    {
        get
        {
            DirectoryInfo? folder = new(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FastPath.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException($"No FastPath.slnx above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>A job's arguments with the top-level and then the profile's variables filled in, split as a shell would (no quoting needed here).</summary>
    private static string[] Arguments(string job, string profile)
    {
        var variables = new Dictionary<string, string>();
        foreach (YamlMappingNode scope in new[] { Map(s_root, "variables"), Map(Map(Map(s_root, "profiles"), profile), "variables") })
        {
            foreach ((YamlNode key, YamlNode value) in scope.Children)
            {
                variables[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
            }
        }

        string arguments = Variable().Replace(Text(Map(Map(s_root, "jobs"), job), "arguments"), m => variables[m.Groups[1].Value]);
        return arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot, "bench", "crank", "fastpath.yml")))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [GeneratedRegex(@"\{\{\s*(\w+)\s*\}\}")]
    private static partial Regex Variable();
}
