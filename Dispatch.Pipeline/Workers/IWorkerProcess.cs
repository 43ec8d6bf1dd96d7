namespace Dispatch.Pipeline.Workers;

/// <summary>A started worker process, as the supervisor sees it.</summary>
public interface IWorkerProcess : IAsyncDisposable
{
    int ProcessId { get; }

    /// <summary>What was started, for error messages: the PHP binary, the worker script and the app file.</summary>
    string Description { get; }

    /// <summary>Completes with the exit code once the process has exited (and its stderr has been read).</summary>
    Task<int> Exited { get; }

    /// <summary>The last lines the process wrote to stderr (about 20), oldest first.</summary>
    IReadOnlyList<string> RecentErrorOutput { get; }

    /// <summary>Kills the process and its children at once (SIGKILL). Safe to call at any time, repeatedly.</summary>
    void Kill();
}
