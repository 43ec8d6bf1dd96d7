namespace Dispatch.Commands.Contract;

/// <summary>A worker's answer to one <see cref="WorkerEvent"/> (CONTRACT 4.2). Lenient on read.</summary>
public sealed class WorkerResponse
{
    public string? Mode { get; set; }

    /// <summary><c>error</c> when the handler failed; otherwise absent or <c>result</c>.</summary>
    public string? Event { get; set; }
    public string? Id { get; set; }

    /// <summary>Meaningful only for <c>open</c>; absent means true.</summary>
    public bool? Accepted { get; set; }
    public List<WorkerCommand>? Commands { get; set; }
    public string? ErrorClass { get; set; }
    public string? Error { get; set; }
}
