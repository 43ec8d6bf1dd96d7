namespace Dispatch.Service.Metrics;

/// <summary>One tag combination of one instrument: its running value, or its histogram buckets. Guarded by the
/// owning <see cref="InstrumentAggregate"/>'s lock.</summary>
internal sealed class MetricSeries
{
    private readonly KeyValuePair<string, object?>[] _tags;

    public MetricSeries(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags, int buckets)
    {
        Hash = hash;
        _tags = tags.ToArray();
        Labels = [.. _tags
            .Select(static t => new KeyValuePair<string, string>(PrometheusNames.LabelName(t.Key), Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(static t => t.Key, StringComparer.Ordinal)];
        BucketCounts = buckets > 0 ? new long[buckets] : [];
    }

    public int Hash { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    public double Value { get; set; }

    public long[] BucketCounts { get; }

    public double Sum { get; set; }

    public long Count { get; set; }

    /// <summary>Same tags, in any order (a caller may pass them in a different order each time).</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var mine in _tags)
            {
                if (string.Equals(mine.Key, tag.Key, StringComparison.Ordinal) && Equals(mine.Value, tag.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Order-independent, to match Matches.
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(tag.Key, tag.Value);
        }

        return hash;
    }
}
