using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Service.Metrics;

/// <summary><c>GET /metrics</c>: every "Dispatch" instrument in the Prometheus text format.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Maps <c>GET /metrics</c> with no access rule of its own: the server-API listener's token gate covers it.</summary>
    public static IEndpointConventionBuilder MapDispatchMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The collector itself is created at host start (MetricsStartup), not here: mapping runs before validation.
        return endpoints.MapGet(Path, static (MetricsCollector collector) =>
            Results.Text(PrometheusText.Render(collector.Collect()), PrometheusText.ContentType));
    }
}
