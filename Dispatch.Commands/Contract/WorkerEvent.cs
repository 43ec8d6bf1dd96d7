namespace Dispatch.Commands.Contract;

/// <summary>
/// One websocket event sent to a worker (CONTRACT 4.1 for <c>websocket_dispatch</c>, 5 for <c>websocket</c>).
/// Null members are omitted on the wire.
/// </summary>
public sealed class WorkerEvent
{
    public string Mode { get; set; } = WireNames.DispatchMode;
    public string Event { get; set; } = "";
    public string Id { get; set; } = "";
    public string? Path { get; set; }
    public IReadOnlyDictionary<string, string>? Query { get; set; }
    public IReadOnlyDictionary<string, string>? Headers { get; set; }
    public string? RemoteAddr { get; set; }
    public string? RequestId { get; set; }
    public string? TraceId { get; set; }

    /// <summary><c>text</c> or <c>binary</c> (message only; binary data is base64).</summary>
    public string? Opcode { get; set; }
    public string? Data { get; set; }

    /// <summary>Close code (close only).</summary>
    public int? Code { get; set; }
    public string? Reason { get; set; }

    /// <summary>Presence only: the room whose membership changed.</summary>
    public string? Room { get; set; }

    /// <summary>Presence only: <c>join</c> or <c>leave</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Presence only: <c>join</c>, <c>leave</c>, <c>replace_rooms</c>, <c>kick_room</c> or <c>close</c>.</summary>
    public string? Cause { get; set; }

    public MetadataSnapshot? Metadata { get; set; }
}
