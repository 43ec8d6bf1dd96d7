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
    public static WorkerEvent Create(DispatchJob job, IConnectionHub hub)
    {
        var descriptor = job.Session.Descriptor;
        var metadata = job.Kind switch
        {
            EventKind.Open => job.Session.InitialSnapshot,

            // The snapshot at the change, not at dispatch: "user X joined" carries X as it was when it joined.
            EventKind.Presence => job.Presence!.Snapshot,
            _ => hub.GetSnapshot(descriptor.Id) ?? job.Session.InitialSnapshot,
        };
        var workerEvent = ConnectionEvents.Create(descriptor, WireNames.DispatchMode, job.Kind.ToWire(), metadata);

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
}
