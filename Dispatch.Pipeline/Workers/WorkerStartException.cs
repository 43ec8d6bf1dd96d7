namespace Dispatch.Pipeline.Workers;

/// <summary>
/// A PHP worker could not be started at all: the process exited or never opened its socket. The message names the
/// command (PHP binary, worker script, app file), the exit code and PHP's stderr, so a bad handler file stops
/// Dispatch's start-up with PHP's own error.
/// </summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The worker slot that failed, when known.</summary>
    public int? Slot { get; init; }

    /// <summary>The process's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines the worker wrote to stderr.</summary>
    public IReadOnlyList<string> ErrorOutput { get; init; } = [];
}
