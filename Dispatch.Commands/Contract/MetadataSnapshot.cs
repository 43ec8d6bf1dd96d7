using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// A connection's metadata as the worker sees it: reserved fields owned by Dispatch plus app <see cref="Attrs"/>.
/// Immutable once built: the hub shares one snapshot across a connection's events until its metadata changes, and
/// the snapshot caches its own JSON.
/// </summary>
public sealed class MetadataSnapshot
{
    private byte[]? _utf8Json;

    public string? UserId { get; init; }
    public IReadOnlyList<string> Rooms { get; init; } = [];
    public IReadOnlyDictionary<string, string> Attrs { get; init; } = EmptyAttrs;

    /// <summary>Unix time in milliseconds.</summary>
    public long ConnectedAt { get; init; }
    public string RemoteAddr { get; init; } = "";
    public string Path { get; init; } = "";

    /// <summary>Shared by every snapshot and connection state without attributes.</summary>
    internal static readonly IReadOnlyDictionary<string, string> EmptyAttrs = new Dictionary<string, string>();

    /// <summary>The snapshot as the contract serializer writes it, serialized at its first use by an event and copied
    /// by every later one (see <see cref="MessageEventWriter"/>).</summary>
    internal byte[] Utf8Json => _utf8Json ??= JsonSerializer.SerializeToUtf8Bytes(this, ContractJsonContext.Default.MetadataSnapshot);
}
