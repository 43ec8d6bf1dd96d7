using System.Collections.Concurrent;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// Sessions still opening, and accepted sessions whose close has not completed yet: what
/// <see cref="IEventPipeline.DrainAsync"/> waits for.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ConnectionSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>False when the id is already taken (ids are unguessable and generated once, so only a caller bug does that).</summary>
    public bool TryAdd(ConnectionSession session) => _sessions.TryAdd(session.ConnectionId, session);

    /// <summary>The lane of a connection still opening or not yet closed.</summary>
    public bool TryGet(string connectionId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ConnectionSession session) =>
        _sessions.TryGetValue(connectionId, out session);

    public void Remove(ConnectionSession session) =>
        _sessions.TryRemove(new KeyValuePair<string, ConnectionSession>(session.ConnectionId, session));

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        // Loop: a session admitted while we waited (an open that was already in flight) is waited for too.
        while (!_sessions.IsEmpty)
        {
            var closing = _sessions.Values.Select(static s => s.Closed).ToArray();
            await Task.WhenAll(closing).WaitAsync(cancellationToken);
        }
    }
}
