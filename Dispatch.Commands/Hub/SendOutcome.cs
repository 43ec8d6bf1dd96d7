namespace Dispatch.Commands.Hub;

/// <summary>What <see cref="IClientConnection.Enqueue"/> did with a frame.</summary>
public enum SendOutcome
{
    /// <summary>Queued; a drain already running will write it.</summary>
    Queued,

    /// <summary>Queued, and no drain was running: the caller now owes the connection one call to
    /// <see cref="IClientConnection.Drain"/>, or the frame is never written.</summary>
    QueuedDrainOwed,

    /// <summary>Not queued: the connection is closing, or its queue was full and it is now closing with 1008.</summary>
    Refused,
}
