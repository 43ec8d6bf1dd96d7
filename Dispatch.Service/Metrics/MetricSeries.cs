namespace Dispatch.Service.Metrics;

/// <summary>
/// One tag combination of one instrument: its running value, or its histogram buckets. Updated lock-free (measurements
/// arrive on every thread of the hot path); a scrape reads each field atomically, so a histogram read during traffic
/// may be one observation apart between its count and its buckets, never torn.
/// </summary>
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

    private long _valueBits;
    private long _sumBits;
    private long _count;

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _valueBits));

    public long[] BucketCounts { get; }

    public double Sum => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _sumBits));

    public long Count => Interlocked.Read(ref _count);

    public void Add(double value) => AddDouble(ref _valueBits, value);

    public void Observe(int bucket, double value)
    {
        Interlocked.Increment(ref BucketCounts[bucket]);
        AddDouble(ref _sumBits, value);
        Interlocked.Increment(ref _count);
    }

    public long[] BucketSnapshot()
    {
        var copy = new long[BucketCounts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref BucketCounts[i]);
        }

        return copy;
    }

    private static void AddDouble(ref long bits, double value)
    {
        var current = Interlocked.Read(ref bits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            var seen = Interlocked.CompareExchange(ref bits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

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
