using System.Collections.Frozen;

namespace Dispatch.Commands.Validation;

/// <summary>Metadata names owned by Dispatch (CONTRACT 4.3): attrs can never use them.</summary>
public static class ReservedMetadataKeys
{
    public static FrozenSet<string> All { get; } =
        new[] { "id", "path", "rooms", "connected_at", "remote_addr", "user_id" }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsReserved(string key) => All.Contains(key);
}
