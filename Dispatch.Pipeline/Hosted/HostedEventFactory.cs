using Dispatch.Commands.Contract;
using Dispatch.Pipeline.Sessions;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// The events of CONTRACT 5 (<c>mode:"websocket"</c>). Every event carries the upgrade's facts and a fresh metadata
/// snapshot, as in dispatch mode, so one handler file works in both modes.
/// </summary>
internal static class HostedEventFactory
{
    public static byte[] Open(ConnectionDescriptor descriptor, MetadataSnapshot metadata) =>
        Serialize(Create(descriptor, WireNames.Open, metadata));

    public static byte[] Message(ConnectionDescriptor descriptor, MetadataSnapshot metadata, InboundMessage message)
    {
        var workerEvent = Create(descriptor, WireNames.Message, metadata);
        ConnectionEvents.SetMessage(workerEvent, message);
        return Serialize(workerEvent);
    }

    public static byte[] Close(ConnectionDescriptor descriptor, MetadataSnapshot metadata, int code, string reason)
    {
        var workerEvent = Create(descriptor, WireNames.Close, metadata);
        workerEvent.Code = code;
        workerEvent.Reason = reason;
        return Serialize(workerEvent);
    }

    private static WorkerEvent Create(ConnectionDescriptor descriptor, string eventName, MetadataSnapshot metadata) =>
        ConnectionEvents.Create(descriptor, WireNames.HostedMode, eventName, metadata);

    private static byte[] Serialize(WorkerEvent workerEvent) => ContractJson.SerializeEvent(workerEvent);
}
