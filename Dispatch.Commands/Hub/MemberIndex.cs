using System.Collections.Concurrent;

namespace Dispatch.Commands.Hub;

/// <summary>Key (room name or user id) to <see cref="MemberSet"/>; a key exists only while it has members.</summary>
internal sealed class MemberIndex
{
    private readonly ConcurrentDictionary<string, MemberSet> _sets = new(StringComparer.Ordinal);

    public int Count => _sets.Count;

    public void Add(string key, IClientConnection connection)
    {
        while (true)
        {
            var set = _sets.GetOrAdd(key, static _ => new MemberSet());
            if (set.TryAdd(connection))
            {
                return;
            }

            // The set emptied under us and its remover is taking it out of the index; help, then use a fresh one.
            _sets.TryRemove(KeyValuePair.Create(key, set));
        }
    }

    public void Remove(string key, string connectionId)
    {
        if (_sets.TryGetValue(key, out var set) && set.Remove(connectionId))
        {
            // Only this exact, now retired set: a fresh set a concurrent join already put under the key stays.
            _sets.TryRemove(KeyValuePair.Create(key, set));
        }
    }

    /// <summary>Every key with its member count at some instant (unordered).</summary>
    public List<(string Key, int Members)> Counts()
    {
        var counts = new List<(string, int)>(_sets.Count);
        foreach (var (key, set) in _sets)
        {
            // A retired set is on its way out of the index and has no members left.
            if (set.Count is > 0 and var members)
            {
                counts.Add((key, members));
            }
        }

        return counts;
    }

    /// <summary>The members of <paramref name="key"/> (shared, do not modify); empty when it has none.</summary>
    public IClientConnection[] Members(string key) => _sets.TryGetValue(key, out var set) ? set.Snapshot() : [];
}
