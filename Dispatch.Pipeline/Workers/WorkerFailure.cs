namespace Dispatch.Pipeline.Workers;

/// <summary>Why a worker could not answer an event.</summary>
public enum WorkerFailure
{
    None,

    /// <summary>The worker process died or its socket failed while the event was in hand.</summary>
    Crashed,

    /// <summary>The worker did not answer within the event timeout after it started the event; it was killed.</summary>
    TimedOut,

    /// <summary>The worker answered with an invalid frame (zero or over-limit length, truncated).</summary>
    ProtocolError,

    /// <summary>No worker is running and none could be started (for example during a crash loop or shutdown).</summary>
    Unavailable,
}
