using System.Globalization;
using FastPath.Lcores;
using FastPath.Mempool.Memory;

namespace L3Router;

/// <summary>A wrong command line: the message is one line, "cause; fix".</summary>
public sealed class RouterUsageException(string message) : Exception(message);

/// <summary>
/// The l3router command line, parsed by hand so that every mistake is one clear line:
/// <c>--routes FILE --port SPEC --port SPEC [...] [--lcores LIST] [--queues N] [--pool-size N]
/// [--hugepages Prefer|Require|Never] [--no-pin] [--duration SECONDS]</c>. Options also take <c>--name=value</c>.
/// </summary>
public sealed class RouterArguments
{
    /// <summary>The usage text <c>--help</c> prints.</summary>
    public const string Usage =
        """
        usage: l3router --routes FILE --port SPEC --port SPEC [--port SPEC ...] [options]
          --routes FILE        routes, one per line: PREFIX/LEN via MAC port N (N: the N-th --port, from 0)
          --port SPEC          a port, in port-id order: af_packet:IFACE, ring:NAME, pci:0000:03:00.0, ... (at least 2)
          --queues N           queue pairs per port, one lcore per queue pair (default 1)
          --lcores LIST        the lcores, one per queue pair, e.g. 2,3 or 2-3 (default: the first allowed cores)
          --pool-size N        packet buffers in the pool (default 16384)
          --hugepages MODE     Prefer (default), Require or Never
          --no-pin             do not pin lcore threads to their cores
          --duration SECONDS   stop after this long (default 0: run until SIGTERM or Ctrl+C)
        """;

    /// <summary>The routes file.</summary>
    public string RoutesPath { get; private set; } = "";

    /// <summary>The port specs; the index is the port id.</summary>
    public List<string> Ports { get; } = [];

    /// <summary>The lcores, one per queue pair; empty for the engine's default.</summary>
    public IReadOnlyList<int> Lcores { get; private set; } = [];

    /// <summary>Queue pairs per port, one lane (lcore) each.</summary>
    public int Queues { get; private set; } = 1;

    /// <summary>Buffers in the packet pool.</summary>
    public int PoolSize { get; private set; } = 16384;

    /// <summary>The hugepage policy of the pool.</summary>
    public HugepagePolicy Hugepages { get; private set; } = HugepagePolicy.Prefer;

    /// <summary>Whether lcore threads are pinned.</summary>
    public bool Pin { get; private set; } = true;

    /// <summary>How long to run; zero for until a signal.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool Help { get; private set; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="RouterUsageException">The command line is wrong; the message says how to fix it.</exception>
    public static RouterArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new RouterArguments();
        string? lcores = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inline = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }

            string Value()
            {
                if (inline is not null)
                    return inline;
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new RouterUsageException($"{name} needs a value; write {name} VALUE (see --help)");
                return args[++i];
            }

            switch (name)
            {
                case "--routes": parsed.RoutesPath = Value(); break;
                case "--port": parsed.Ports.Add(Value()); break;
                case "--lcores": lcores = Value(); break;
                case "--queues": parsed.Queues = Integer(name, Value(), 1, 64); break;
                case "--pool-size": parsed.PoolSize = Integer(name, Value(), 1024, 1 << 24); break;
                case "--hugepages":
                    string mode = Value();
                    if (!Enum.TryParse(mode, ignoreCase: true, out HugepagePolicy policy) || !Enum.IsDefined(policy) || char.IsAsciiDigit(mode[0]))
                        throw new RouterUsageException($"--hugepages '{mode}' is not a hugepage mode; give Prefer, Require or Never");
                    parsed.Hugepages = policy;
                    break;
                case "--no-pin":
                    if (inline is not null)
                        throw new RouterUsageException("--no-pin takes no value; write --no-pin alone");
                    parsed.Pin = false;
                    break;
                case "--duration":
                    string text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 1e7)
                        throw new RouterUsageException($"--duration '{text}' is not a number of seconds; give 0 (until SIGTERM) or more, e.g. --duration 10");
                    parsed.Duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--help" or "-h": parsed.Help = true; break;
                default:
                    throw new RouterUsageException(arg.StartsWith('-')
                        ? $"unknown option '{arg}'; see --help for the options"
                        : $"unexpected argument '{arg}'; options start with --, e.g. --port {arg} (see --help)");
            }
        }

        if (parsed.Help)
            return parsed;
        if (parsed.RoutesPath.Length == 0)
            throw new RouterUsageException("no routes file; give --routes FILE with one route per line as PREFIX/LEN via MAC port N");
        if (parsed.Ports.Count < 2)
            throw new RouterUsageException($"{parsed.Ports.Count} port(s) given; a router needs at least two: repeat --port SPEC, e.g. --port af_packet:veth0 --port af_packet:veth1");
        if (lcores is not null)
        {
            try
            {
                parsed.Lcores = CoreList.Parse(lcores);
            }
            catch (FormatException e)
            {
                throw new RouterUsageException($"--lcores '{lcores}': {e.Message.ReplaceLineEndings(" ")}");
            }

            if (parsed.Lcores.Count != parsed.Queues)
                throw new RouterUsageException($"--lcores lists {parsed.Lcores.Count} core(s) but there are {parsed.Queues} queue pair(s); give one lcore per queue pair (--queues {parsed.Lcores.Count}, or list {parsed.Queues} core(s))");
        }

        return parsed;
    }

    /// <summary>
    /// Checks that every route's port is one of the given ports, so a typo fails before any pool or port exists.
    /// </summary>
    public void CheckRoutePorts(IReadOnlyList<Route> routes, string routesPath)
    {
        foreach (Route route in routes)
        {
            if (route.NextHop.Port >= Ports.Count)
                throw new RouterUsageException(
                    $"{routesPath}: the route {route} uses port {route.NextHop.Port}, but only ports 0 to {Ports.Count - 1} are given; add --port options up to port {route.NextHop.Port} or fix the route");
        }
    }

    private static int Integer(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new RouterUsageException($"{name} '{text}' is not a whole number from {min} to {max}; give one in that range");
        return value;
    }
}
