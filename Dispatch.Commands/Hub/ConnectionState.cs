namespace Dispatch.Commands.Hub;

/// <summary>
/// One registered connection's mutable state. Everything here is read and written only under <see cref="Gate"/>;
/// the hub takes this lock before a <see cref="MemberSet"/>'s lock, never the other way round.
/// </summary>
internal sealed class ConnectionState
{
    public ConnectionState(IClientConnection connection, ConnectionInfo info)
    {
        Connection = connection;
        Info = info;
    }

    public Lock Gate { get; } = new();
    public IClientConnection Connection { get; }
    public ConnectionInfo Info { get; }
    public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Attrs { get; } = new(StringComparer.Ordinal);
    public string? UserId { get; set; }

    /// <summary>Set by Unregister; a late command for a closed connection then finds nothing to change.</summary>
    public bool Removed { get; set; }
}
