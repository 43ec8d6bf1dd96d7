using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// A connection's metadata as the worker sees it: reserved fields owned by Dispatch plus app <see cref="Attrs"/>.
/// The hub shares one snapshot across a connection's events until its metadata changes: set the properties when
/// building one, never after it was handed out.
/// </summary>
public sealed class MetadataSnapshot
{
    private byte[]? _utf8Json;

    public string? UserId { get; set; }
    public IReadOnlyList<string> Rooms { get; set; } = [];
    public IReadOnlyDictionary<string, string> Attrs { get; set; } = EmptyAttrs;

    /// <summary>Unix time in milliseconds.</summary>
    public long ConnectedAt { get; set; }
    public string RemoteAddr { get; set; } = "";
    public string Path { get; set; } = "";

    private static readonly IReadOnlyDictionary<string, string> EmptyAttrs = new Dictionary<string, string>();

    /// <summary>The snapshot as the contract serializer writes it, serialized at its first use by an event and copied
    /// by every later one (see <see cref="MessageEventWriter"/>).</summary>
    internal byte[] Utf8Json => _utf8Json ??= JsonSerializer.SerializeToUtf8Bytes(this, ContractJsonContext.Default.MetadataSnapshot);
}
