using System.Diagnostics.Metrics;
using Dispatch.Commands.Telemetry;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Everything one instrument has recorded since start-up, per tag combination: counters and up-down counters sum,
/// histograms count into buckets, observable instruments keep what their callbacks reported at the last scrape.
/// The lookup is a lock-free scan of a few series per instrument (tag sets are small and fixed), with no allocation
/// once a series exists; only adding a new series takes the lock.
/// </summary>
internal sealed class InstrumentAggregate
{
    private readonly Lock _gate = new();
    private MetricSeries[] _series = [];
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
        var series = Find(Volatile.Read(ref _series), hash, tags) ?? AddSeries(hash, tags);
        if (Type != MetricType.Histogram)
        {
            series.Add(value);
            return;
        }

        series.Observe(BucketOf(value), value);
    }

    /// <summary>Before an observable instrument is asked again: series it no longer reports disappear.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Volatile.Write(ref _series, []);
        }
    }

    public List<MetricPoint> Snapshot() =>
    [
        .. Volatile.Read(ref _series).Select(s => new MetricPoint(
            s.Labels,
            s.Value,
            Type == MetricType.Histogram ? new HistogramData(_bounds, s.BucketSnapshot(), s.Sum, s.Count) : null)),
    ];

    private MetricSeries AddSeries(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            var current = _series;
            if (Find(current, hash, tags) is { } raced)
            {
                return raced;
            }

            var series = new MetricSeries(hash, tags, Type == MetricType.Histogram ? _bounds.Length + 1 : 0);
            Volatile.Write(ref _series, [.. current, series]);
            return series;
        }
    }

    private static MetricSeries? Find(MetricSeries[] all, int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in all)
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
        _ => DispatchMetrics.LatencyBuckets,
    };
}
