namespace Dispatch.Service.Metrics;

/// <summary>A histogram series: upper bounds, counts per bucket (the last is above every bound), sum and count.</summary>
internal sealed record HistogramData(IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts, double Sum, long Count);
