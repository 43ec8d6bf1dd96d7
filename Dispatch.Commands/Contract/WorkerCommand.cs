namespace Dispatch.Commands.Contract;

/// <summary>
/// One command of a worker response (CONTRACT 4.3), or one worker frame in connection-hosted mode (CONTRACT 5).
/// Every field is optional on the wire; <see cref="Validation.CommandValidator"/> decides what is meaningful.
/// </summary>
public sealed class WorkerCommand
{
    public string? Mode { get; set; }
    public string? Event { get; set; }
    public string? Id { get; set; }
    public string? Data { get; set; }
    public string? Opcode { get; set; }
    public string? TargetId { get; set; }
    public string? UserId { get; set; }
    public string? Room { get; set; }
    public List<string>? Rooms { get; set; }
    public string? ExceptId { get; set; }
    public Dictionary<string, string>? Attrs { get; set; }
    public List<string>? Keys { get; set; }

    /// <summary>vhttpd alias fields: <c>set_meta {key,value}</c>, <c>clear_meta {key}</c>.</summary>
    public string? Key { get; set; }
    public string? Value { get; set; }
    public int? Code { get; set; }
    public string? Reason { get; set; }
    public int? Status { get; set; }
    public long? AfterMs { get; set; }

    /// <summary>Connection-hosted <c>error</c> frames.</summary>
    public string? ErrorClass { get; set; }
    public string? Error { get; set; }
}
