namespace Dispatch.Service.Metrics;

/// <summary>The Prometheus metric types Dispatch exposes.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
