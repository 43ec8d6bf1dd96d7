namespace Dispatch.Pipeline.Sessions;

/// <summary>A point-in-time view of the message-dispatch pipeline.</summary>
public sealed record PipelineStats(
    int ActiveSessions,
    int DispatchQueueDepth,
    int ApplyQueueDepth,
    long EventsApplied,
    long EventsFailed,
    long FailureCloses,
    long MessagesNotQueued);
