namespace Dispatch.Service.Connections;

/// <summary>What the drainer's <see cref="SendQueue.TryRead"/> found.</summary>
internal enum SendQueueRead
{
    /// <summary>A frame to send.</summary>
    Frame,

    /// <summary>Nothing queued: the drainer role was given back.</summary>
    Empty,

    /// <summary>Completed and empty: send the close; the role is kept, so nothing is ever sent after it.</summary>
    Completed,
}
