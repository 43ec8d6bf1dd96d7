using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Presence;
using Dispatch.Pipeline.Sessions;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// Builds the CONTRACT 4.1 event for a job. The metadata snapshot is taken when the event is dispatched, not when it
/// was queued, so a <c>set_metadata</c> applied for the previous event of the connection is visible in the next.
/// </summary>
internal static class WorkerEventFactory
{
    /// <summary>
    /// The event's JSON. A text message, the common case, is written straight from its bytes with the connection's
    /// constant fields pre-encoded (<see cref="MessageEventWriter"/>); everything else goes through the serializer.
    /// </summary>
    public static RentedJson Serialize(DispatchJob job, IConnectionHub hub)
    {
        if (job.Kind == EventKind.Message && !job.Message.IsBinary
            && MessageEventWriter.TryWrite(WireNames.DispatchMode, job.Session.EventFields, job.Message.Payload.Span, MetadataOf(job, hub), out var json))
        {
            return json;
        }

        return RentedJson.Unpooled(ContractJson.SerializeEvent(Create(job, hub)));
    }

    public static WorkerEvent Create(DispatchJob job, IConnectionHub hub)
    {
        var workerEvent = ConnectionEvents.Create(job.Session.Descriptor, WireNames.DispatchMode, job.Kind.ToWire(), MetadataOf(job, hub));

        switch (job.Kind)
        {
            case EventKind.Message:
                ConnectionEvents.SetMessage(workerEvent, job.Message);
                break;
            case EventKind.Close:
                workerEvent.Code = job.CloseCode;
                workerEvent.Reason = job.CloseReason ?? "";
                break;
            case EventKind.Presence:
                var change = job.Presence!;
                workerEvent.Room = change.Room;
                workerEvent.Action = change.Action.ToWire();
                workerEvent.Cause = change.Cause.ToWire();
                break;
        }

        return workerEvent;
    }

    private static MetadataSnapshot MetadataOf(DispatchJob job, IConnectionHub hub) => job.Kind switch
    {
        EventKind.Open => job.Session.InitialSnapshot,

        // The snapshot at the change, not at dispatch: "user X joined" carries X as it was when it joined.
        EventKind.Presence => job.Presence!.Snapshot,
        _ => hub.GetSnapshot(job.Session.ConnectionId) ?? job.Session.InitialSnapshot,
    };
}
