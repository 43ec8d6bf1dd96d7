using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Service.Health;

/// <summary>
/// <c>/healthz</c> (the process is up: runs no check) and <c>/readyz</c> (the checks tagged <see cref="ReadyTag"/>:
/// workers live and not crash-looping, not draining), on ASP.NET Core health checks.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapDispatchHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = static _ => false,
            ResponseWriter = static (context, _) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("ok\n");
            },
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = static r => r.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return endpoints;
    }
}
