using System.Text;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
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
        var workerEvent = new WorkerEvent
        {
            Mode = WireNames.DispatchMode,
            Event = job.Kind.ToWire(),
            Id = descriptor.Id,
            Path = descriptor.Path,
            Query = descriptor.Query,
            Headers = descriptor.Headers,
            RemoteAddr = descriptor.RemoteAddr,
            RequestId = descriptor.RequestId,
            TraceId = descriptor.TraceId,
            Metadata = job.Kind == EventKind.Open
                ? job.Session.InitialSnapshot
                : hub.GetSnapshot(descriptor.Id) ?? job.Session.InitialSnapshot,
        };

        switch (job.Kind)
        {
            case EventKind.Message:
                var payload = job.Message.Payload.Span;
                workerEvent.Opcode = job.Message.IsBinary ? WireNames.Binary : WireNames.Text;
                workerEvent.Data = job.Message.IsBinary ? Convert.ToBase64String(payload) : Encoding.UTF8.GetString(payload);
                break;
            case EventKind.Close:
                workerEvent.Code = job.CloseCode;
                workerEvent.Reason = job.CloseReason ?? "";
                break;
        }

        return workerEvent;
    }
}
