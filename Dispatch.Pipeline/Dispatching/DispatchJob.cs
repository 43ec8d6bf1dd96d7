using Dispatch.Pipeline.Presence;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// One event travelling through the graph: created by a lane (or <see cref="EventPipeline.OpenAsync"/>), given a worker
/// reply or a failure class by the dispatch block, finished by the apply block. <see cref="Completion"/> completes
/// exactly once, after the event's one outcome (applied, or failed and reported) is done; that releases the lane.
/// </summary>
internal sealed class DispatchJob
{
    private readonly TaskCompletionSource _done;

    private DispatchJob(EventKind kind, ConnectionSession session, InboundMessage message, int closeCode, string? closeReason)
    {
        // A lane's message and close jobs are awaited only by the lane's pump, whose continuation is short and never
        // blocks: it takes the connection's next event and offers it to the dispatch block (a full block suspends it),
        // or finds none and leaves. Running it synchronously on the apply block's thread saves a thread-pool hop per
        // event; order is unchanged, as the next event still starts only after this one's outcome is applied. An open
        // is awaited by the upgrade request, which is not short: it completes asynchronously.
        _done = new TaskCompletionSource(kind == EventKind.Open ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
        Kind = kind;
        Session = session;
        Message = message;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public EventKind Kind { get; }
    public ConnectionSession Session { get; }
    public InboundMessage Message { get; }
    public int CloseCode { get; }
    public string? CloseReason { get; }

    /// <summary>For <see cref="EventKind.Presence"/>: the membership change it announces.</summary>
    public PresenceChange? Presence { get; private init; }

    /// <summary>When the event was offered to the dispatch block (<see cref="TimeProvider.GetTimestamp"/>): queue wait starts here.</summary>
    public long EnqueuedAt { get; set; }

    /// <summary>When the dispatch block started the event (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt { get; set; }

    /// <summary>The worker's reply frame; owned (and disposed) by the apply block. Meaningful when <see cref="FailureClass"/> is null.</summary>
    public WorkerReply Reply { get; private set; }

    /// <summary>Set when the event failed before a usable reply existed (an <see cref="Commands.Contract.ErrorClasses"/> value).</summary>
    public string? FailureClass { get; private set; }

    /// <summary>For <see cref="EventKind.Open"/>: the decision, set by the apply block.</summary>
    public OpenResult? OpenResult { get; set; }

    public Task Completion => _done.Task;

    public static DispatchJob Open(ConnectionSession session) => new(EventKind.Open, session, default, 0, null);

    public static DispatchJob ForMessage(ConnectionSession session, InboundMessage message) =>
        new(EventKind.Message, session, message, 0, null);

    public static DispatchJob ForPresence(ConnectionSession session, PresenceChange change) =>
        new(EventKind.Presence, session, default, 0, null) { Presence = change };

    public static DispatchJob ForClose(ConnectionSession session, int code, string reason) =>
        new(EventKind.Close, session, default, code, reason);

    public void SetReply(WorkerReply reply) => Reply = reply;

    public void Fail(string failureClass) => FailureClass = failureClass;

    public void Complete() => _done.TrySetResult();
}
