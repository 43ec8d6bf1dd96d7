namespace Dispatch.Pipeline.Hosted;

/// <summary>How a request for an exclusive worker ended.</summary>
internal enum LeaseStatus
{
    /// <summary>A worker is now this websocket's until it is released.</summary>
    Leased,

    /// <summary>Every worker stayed busy for the whole queue timeout.</summary>
    QueueTimedOut,

    /// <summary>The wait queue was full: refused without waiting.</summary>
    QueueFull,

    /// <summary>The pool is closed (shutdown).</summary>
    Closed,
}
