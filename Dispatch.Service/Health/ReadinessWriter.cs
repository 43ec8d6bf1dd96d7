using System.Text.Json;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Service.Health;

/// <summary>
/// Writes the <c>/readyz</c> body: the health-check verdicts plus the numbers an operator looks at first, so a 503
/// says why without a trip to the log.
/// </summary>
internal static class ReadinessWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var supervisor = services.GetRequiredService<IWorkerSupervisor>();
        var hub = services.GetRequiredService<IConnectionHub>();
        var tracker = services.GetRequiredService<ConnectionTracker>();
        var checks = report.Entries.ToDictionary(
            static e => e.Key,
            static e => new ReadinessCheck(e.Value.Status == HealthStatus.Healthy ? "healthy" : "unhealthy", e.Value.Description));
        var body = new ReadinessReport(
            report.Status == HealthStatus.Healthy ? "ready" : "not_ready",
            supervisor.LiveWorkers,
            supervisor.GetStatus().Count,
            hub.ConnectionCount,
            hub.RoomCount,
            tracker.IsStopping,
            supervisor.IsCrashLooping,
            checks);
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, ServiceJsonContext.Default.ReadinessReport, context.RequestAborted);
    }
}
