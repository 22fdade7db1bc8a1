using FastPath.Lcores;
using FastPath.Mempool.Buffers;
using FastPath.Mempool.Memory;
using FastPath.Mempool.Pools;
using FastPath.Metrics;
using FastPath.Pools;
using FastPath.Ports;
using FastPath.Ports.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace FastPath.Engine;

/// <summary>
/// The engine an application embeds: on <see cref="Start"/> it creates the packet pool, opens every configured port
/// through the registry (ids in spec order), starts them, builds the pipeline's lanes and runs one pinned lcore per
/// lane. <see cref="Stop"/> undoes it in the order that keeps DMA safe: the lcores stop (after the pipeline drains),
/// the ports stop their queues as their datasheets say, the ports close (bus mastering off, then rings unmapped), and
/// only then is the pool audited and freed. The hosted service drives it from the host's lifetime.
/// </summary>
public sealed class FastPathEngine : IDisposable
{
    private readonly FastPathOptions _options;
    private readonly PortRegistry _registry;
    private readonly ILcorePipeline _pipeline;
    private readonly FastPathMeter _meter;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private PacketPool? _pool;
    private PortSet? _ports;
    private LcoreRunner? _runner;
    private LinkMonitor? _links;
    private IReadOnlyList<int> _lcores = [];

    /// <summary>Creates the engine; nothing is opened until <see cref="Start"/>.</summary>
    public FastPathEngine(IOptions<FastPathOptions> options, PortRegistry registry, ILcorePipeline pipeline, FastPathMeter meter, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options.Value;
        _registry = registry;
        _pipeline = pipeline;
        _meter = meter;
        _loggers = loggers;
        _logger = loggers.CreateLogger<FastPathEngine>();
        Batches = new DefaultObjectPool<PacketBatch>(new PacketBatchPolicy(_options.BurstSize));
    }

    /// <summary>The open ports, indexed by id; empty while stopped.</summary>
    public IReadOnlyList<IPort> Ports => _ports?.Ports ?? [];

    /// <summary>The packet pool; throws while stopped.</summary>
    public PacketPool Pool => _pool ?? throw new InvalidOperationException("The FastPath engine is not started: its pool exists between Start and Stop.");

    /// <summary>The lcores the lanes run on, in lane order.</summary>
    public IReadOnlyList<int> Lcores => _lcores;

    /// <summary>Whether the engine is running.</summary>
    public bool IsRunning => _runner is not null;

    /// <summary>
    /// Reusable burst batches of <see cref="FastPathOptions.BurstSize"/> packets for the pipeline's tasks: rent them
    /// when a lane is built, return them empty when it finishes, and a restart reuses them.
    /// </summary>
    public ObjectPool<PacketBatch> Batches { get; }

    /// <summary>Raised when an open port's link changes (read every <see cref="FastPathOptions.LinkCheckInterval"/>); also logged.</summary>
    public event EventHandler<LinkChangedEventArgs>? LinkChanged;

    /// <summary>What each lcore has done so far.</summary>
    public IReadOnlyList<LcoreStatistics> Snapshot() => _runner?.Snapshot() ?? [];

    /// <summary>The result of the last stop's pool audit: whether every buffer came back, with a line per pool.</summary>
    public (bool AllReturned, IReadOnlyList<string> Lines)? LastAudit { get; private set; }

    /// <summary>Opens the ports and starts the lcores. When a step fails, what was opened is closed again.</summary>
    /// <exception cref="UsageException">An option, a port spec or a core is wrong; the message names the fix.</exception>
    public void Start()
    {
        lock (_lock)
        {
            if (_runner is not null)
            {
                return;
            }

            Validate();
            try
            {
                _pool = CreatePool();
                _ports = PortSet.Open(_registry, [.. _options.Ports], _pool, _options.QueuesPerPort, _loggers);
                foreach (IPort port in _ports.Ports)
                {
                    _meter.AddPort(port.Id, port);
                }

                _ports.StartAll();
                _links = new LinkMonitor(_ports.Ports, _options.LinkCheckInterval);
                _links.LinkChanged += OnLinkChanged;
                IReadOnlyList<IReadOnlyList<IPollingTask>> lanes = _pipeline.CreateLanes(this);
                _lcores = _options.Lcores.Count > 0 ? [.. _options.Lcores] : AllowedCores.First(lanes.Count);
                if (lanes.Count > _lcores.Count)
                {
                    throw new UsageException($"The pipeline has {lanes.Count} lanes but {_lcores.Count} lcores are configured ({CoreList.Format(_lcores)}); give one lcore per lane in FastPathOptions.Lcores.");
                }

                var runner = new LcoreRunner(_loggers.CreateLogger<LcoreRunner>(), CancellationToken.None, _options.PinThreads);
                try
                {
                    runner.Validate(_lcores.Take(lanes.Count));
                }
                catch (ArgumentException exception)
                {
                    runner.Dispose();
                    throw new UsageException($"FastPathOptions.Lcores: {ErrorText.OneLine(exception)}", exception);
                }

                for (int i = 0; i < lanes.Count; i++)
                {
                    runner.Launch(_lcores[i], lanes[i]);
                }

                _runner = runner;
                _logger.LogInformation("FastPath started: {Ports} port(s), {Lanes} lcore(s) ({Lcores}), pool of {Buffers} buffers.",
                    _ports.Ports.Count, lanes.Count, CoreList.Format(_lcores.Take(lanes.Count)), _pool.Capacity);
            }
            catch
            {
                Release();
                throw;
            }
        }
    }

    /// <summary>
    /// Stops in DMA-safe order — drain, lcores, port queues, port close, pool audit, pool free — and logs the audit.
    /// </summary>
    /// <returns>Whether every buffer came back.</returns>
    /// <exception cref="AggregateException">An lcore failed while running; the engine is stopped all the same.</exception>
    public bool Stop()
    {
        lock (_lock)
        {
            if (_runner is null)
            {
                return LastAudit?.AllReturned ?? true;
            }

            try
            {
                _runner.Drain(() => _pipeline.IsDrained, _options.DrainTimeout);
                _runner.Stop();
                _runner.Join();
            }
            finally
            {
                Release();
            }

            return LastAudit?.AllReturned ?? true;
        }
    }

    /// <summary>Stops the engine.</summary>
    public void Dispose() => Stop();

    private void OnLinkChanged(object? sender, LinkChangedEventArgs change)
    {
        _logger.LogInformation("Port {Port} '{Name}': link {Previous} -> {Current}.", change.Port.Id, change.Port.Name, change.Previous, change.Current);
        LinkChanged?.Invoke(this, change);
    }

    private void Release()
    {
        _links?.Dispose();
        _links = null;
        _runner?.Dispose();
        _runner = null;
        if (_ports is not null)
        {
            _ports.StopAll();
            _ports.Dispose();
            _ports = null;
        }

        if (_pool is not null)
        {
            LastAudit = PoolAudit.Check([_pool]);
            foreach (string line in LastAudit.Value.Lines)
            {
                if (LastAudit.Value.AllReturned)
                {
                    _logger.LogInformation("{Audit}", line);
                }
                else
                {
                    _logger.LogError("{Audit}", line);
                }
            }

            _pool.Dispose();
            _pool = null;
        }
    }

    private void Validate()
    {
        if (_options.Ports.Count == 0)
        {
            throw new UsageException("FastPathOptions.Ports is empty; add at least one port spec, such as af_packet:eth1 or pci:0000:03:00.0.");
        }

        if (_options.PoolSize < 1024)
        {
            throw new UsageException($"FastPathOptions.PoolSize {_options.PoolSize} is too small; give at least 1024 buffers.");
        }

        if (_options.QueuesPerPort is < 1 or > 64)
        {
            throw new UsageException($"FastPathOptions.QueuesPerPort {_options.QueuesPerPort} is out of range; give 1 to 64.");
        }

        if (_options.BurstSize is < 1 or > 512)
        {
            throw new UsageException($"FastPathOptions.BurstSize {_options.BurstSize} is out of range; give 1 to 512 (32 is usual).");
        }

        // Every spec parses before the pool exists, so a typo costs no memory and opens nothing.
        foreach (string spec in _options.Ports)
        {
            _registry.Parse(spec);
        }
    }

    private PacketPool CreatePool()
    {
        try
        {
            return PacketPool.Create("fastpath", _options.PoolSize, IdentityDmaMapper.Instance,
                new PacketPoolOptions { Hugepages = _options.Hugepages, CacheSize = Math.Min(_options.PoolCacheSize, _options.PoolSize / 4) },
                _loggers.CreateLogger<PacketPool>());
        }
        catch (Exception exception) when (exception is InvalidOperationException or OutOfMemoryException or ArgumentException)
        {
            throw new UsageException($"Cannot create the packet pool: {ErrorText.OneLine(exception)}", exception);
        }
    }
}
