using FastPath.Lcores;

namespace FastPath.Engine;

/// <summary>
/// The application's work, as the engine runs it: once the ports are open and started, <see cref="CreateLanes"/>
/// builds one lane of polling tasks per lcore (a forwarder, a router, a generator). Register it with
/// <c>AddPipeline&lt;T&gt;()</c>.
/// </summary>
public interface ILcorePipeline
{
    /// <summary>Builds the lanes over <paramref name="engine"/>'s ports and pool: lane i runs on the engine's lcore i.</summary>
    IReadOnlyList<IReadOnlyList<IPollingTask>> CreateLanes(FastPathEngine engine);

    /// <summary>Whether everything the pipeline produced has been consumed; a stop waits for it up to the drain timeout.</summary>
    bool IsDrained => true;
}
