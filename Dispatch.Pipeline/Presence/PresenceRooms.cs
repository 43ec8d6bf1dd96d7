namespace Dispatch.Pipeline.Presence;

/// <summary>The watched-room patterns of <see cref="PresenceOptions.Rooms"/>, compiled once: exact names, prefixes, or all.</summary>
internal sealed class PresenceRooms
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly string[] _prefixes;
    private readonly bool _all;

    public PresenceRooms(IEnumerable<string> patterns)
    {
        var prefixes = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern == "*")
            {
                _all = true;
            }
            else if (pattern.EndsWith('*'))
            {
                prefixes.Add(pattern[..^1]);
            }
            else
            {
                _exact.Add(pattern);
            }
        }

        _prefixes = [.. prefixes];
        IsEmpty = !_all && _exact.Count == 0 && _prefixes.Length == 0;
    }

    public bool IsEmpty { get; }

    public bool Matches(string room)
    {
        if (_all || _exact.Contains(room))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (room.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
