using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Health;

/// <summary><c>/healthz</c> (the process is up) and <c>/readyz</c> (workers are live; not shutting down).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapDispatchHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", static () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", static (IWorkerSupervisor supervisor, ConnectionTracker tracker, IConnectionHub hub) =>
        {
            var workers = supervisor.GetStatus();
            var crashLooping = supervisor.IsCrashLooping;
            var ready = !tracker.IsStopping && supervisor.LiveWorkers > 0 && !crashLooping;
            var body = new ReadinessReport(
                ready ? "ready" : "not_ready",
                supervisor.LiveWorkers,
                workers.Count,
                hub.ConnectionCount,
                hub.RoomCount,
                tracker.IsStopping,
                crashLooping);
            return Results.Json(body, ServiceJsonContext.Default.ReadinessReport, statusCode: ready ? 200 : 503);
        });
        return endpoints;
    }
}
