namespace FastPath.Lcores;

/// <summary>
/// One unit of busy-polling work: each <see cref="Poll"/> handles at most one burst and returns at once. An lcore runs
/// one task or several in turn (<see cref="PollLoop"/>), so a machine with few cores can multiplex many.
/// </summary>
public interface IPollingTask
{
    /// <summary>Handles at most one burst.</summary>
    /// <returns>How many packets were handled; 0 when there was nothing to do.</returns>
    int Poll();

    /// <summary>Whether the task has finished its work (a generator that sent its count); later polls do nothing.</summary>
    bool IsFinished { get; }

    /// <summary>Called once on the task's lcore after the last <see cref="Poll"/>: flushes buffered packets.</summary>
    void Finish();
}
