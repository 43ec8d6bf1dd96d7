namespace Dispatch.Commands.Contract;

/// <summary>
/// A connection's metadata as the worker sees it: reserved fields owned by Dispatch plus app <see cref="Attrs"/>.
/// </summary>
public sealed class MetadataSnapshot
{
    public string? UserId { get; set; }
    public IReadOnlyList<string> Rooms { get; set; } = [];
    public IReadOnlyDictionary<string, string> Attrs { get; set; } = EmptyAttrs;

    /// <summary>Unix time in milliseconds.</summary>
    public long ConnectedAt { get; set; }
    public string RemoteAddr { get; set; } = "";
    public string Path { get; set; } = "";

    private static readonly IReadOnlyDictionary<string, string> EmptyAttrs = new Dictionary<string, string>();
}
