using System.Text;
using Dispatch.Commands.Contract;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// The parts of a worker event that do not depend on the mode (CONTRACT 4.1 and 5): every event carries the upgrade's
/// facts and a metadata snapshot, so one handler file works in both modes.
/// </summary>
internal static class ConnectionEvents
{
    public static WorkerEvent Create(ConnectionDescriptor descriptor, string mode, string eventName, MetadataSnapshot metadata) => new()
    {
        Mode = mode,
        Event = eventName,
        Id = descriptor.Id,
        Path = descriptor.Path,
        Query = descriptor.Query,
        Headers = descriptor.Headers,
        RemoteAddr = descriptor.RemoteAddr,
        RequestId = descriptor.RequestId,
        TraceId = descriptor.TraceId,
        Metadata = metadata,
    };

    /// <summary>Text as is; binary as base64, as the wire wants.</summary>
    public static void SetMessage(WorkerEvent workerEvent, InboundMessage message)
    {
        var payload = message.Payload.Span;
        workerEvent.Opcode = message.IsBinary ? WireNames.Binary : WireNames.Text;
        workerEvent.Data = message.IsBinary ? Convert.ToBase64String(payload) : Encoding.UTF8.GetString(payload);
    }

    /// <summary>The metadata of a connection the hub does not know yet: no user, rooms or attrs.</summary>
    public static MetadataSnapshot InitialSnapshot(ConnectionDescriptor descriptor) => new()
    {
        ConnectedAt = descriptor.ConnectedAtUnixMs,
        RemoteAddr = descriptor.RemoteAddr,
        Path = descriptor.Path,
    };
}
