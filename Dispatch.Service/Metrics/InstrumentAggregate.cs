using System.Diagnostics.Metrics;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Everything one instrument has recorded since start-up, per tag combination: counters and up-down counters sum,
/// histograms count into buckets, observable instruments keep what their callbacks reported at the last scrape.
/// The lookup is a short scan of a few series per instrument (tag sets are small and fixed), with no allocation once a
/// series exists.
/// </summary>
internal sealed class InstrumentAggregate
{
    private readonly Lock _gate = new();
    private readonly List<MetricSeries> _series = [];
    private readonly double[] _bounds;

    public InstrumentAggregate(Instrument instrument)
    {
        Instrument = instrument;
        Type = PrometheusNames.TypeOf(instrument);
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, Type);
        _bounds = Type == MetricType.Histogram ? [.. BoundsOf(instrument)] : [];
    }

    public Instrument Instrument { get; }

    public MetricType Type { get; }

    public string Name { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = MetricSeries.HashOf(tags);
        lock (_gate)
        {
            var series = Find(hash, tags);
            if (series is null)
            {
                series = new MetricSeries(hash, tags, Type == MetricType.Histogram ? _bounds.Length + 1 : 0);
                _series.Add(series);
            }

            if (Type != MetricType.Histogram)
            {
                series.Value += value;
                return;
            }

            series.BucketCounts[BucketOf(value)]++;
            series.Sum += value;
            series.Count++;
        }
    }

    /// <summary>Before an observable instrument is asked again: series it no longer reports disappear.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _series.Clear();
        }
    }

    public List<MetricPoint> Snapshot()
    {
        lock (_gate)
        {
            return [.. _series.Select(s => new MetricPoint(
                s.Labels,
                s.Value,
                Type == MetricType.Histogram ? new HistogramData(_bounds, [.. s.BucketCounts], s.Sum, s.Count) : null))];
        }
    }

    private MetricSeries? Find(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in _series)
        {
            if (series.Hash == hash && series.Matches(tags))
            {
                return series;
            }
        }

        return null;
    }

    private int BucketOf(double value)
    {
        // Prometheus buckets are "less than or equal": the first bound at or above the value.
        var index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }

    private static IReadOnlyList<double> BoundsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } => advised,
        Histogram<long> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(static b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(static b => (double)b)],
        _ => MetricsCollector.DefaultLatencyBuckets,
    };
}
