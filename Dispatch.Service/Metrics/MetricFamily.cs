namespace Dispatch.Service.Metrics;

/// <summary>One metric family as Prometheus names it (unit suffix and <c>_total</c> already applied).</summary>
internal sealed record MetricFamily(string Name, string Help, MetricType Type, IReadOnlyList<MetricPoint> Points);
