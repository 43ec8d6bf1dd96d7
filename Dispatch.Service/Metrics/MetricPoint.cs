namespace Dispatch.Service.Metrics;

/// <summary>
/// One series of a family at scrape time: its labels (already in render order) and its value, or for a histogram its
/// per-bucket counts (not cumulative; one more than <see cref="HistogramData.Bounds"/>, the last being +Inf).
/// </summary>
internal sealed record MetricPoint(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, HistogramData? Histogram = null);
