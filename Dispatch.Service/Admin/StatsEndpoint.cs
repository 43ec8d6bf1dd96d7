using System.Net;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Admin;

/// <summary><c>GET /stats</c>: what the soak script and an operator watch. Loopback only unless configured.</summary>
internal static class StatsEndpoint
{
    private static readonly long StartedAt = TimeProvider.System.GetTimestamp();

    public static IEndpointRouteBuilder MapDispatchStats(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!options.StatsEnabled)
        {
            return endpoints;
        }

        endpoints.MapGet("/stats", (HttpContext context, IConnectionHub hub, IEventPipeline pipeline, IWorkerSupervisor supervisor) =>
        {
            var remote = context.Connection.RemoteIpAddress;
            if (!options.AllowRemote && remote is not null && !IPAddress.IsLoopback(remote))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var workers = supervisor.GetStatus();
            var report = new StatsReport(
                (long)TimeProvider.System.GetElapsedTime(StartedAt).TotalSeconds,
                hub.ConnectionCount,
                hub.RoomCount,
                ProcessMemory.ResidentKb(Environment.ProcessId),
                GC.GetTotalMemory(forceFullCollection: false) / 1024,
                ProcessStats.OpenHandles(),
                supervisor.LiveWorkers,
                supervisor.IsCrashLooping,
                workers.Sum(static w => (long)w.Restarts),
                pipeline.GetStats(),
                workers,
                workers.Select(static w => w.ProcessId is { } pid ? ProcessMemory.ResidentKb(pid) : 0).ToList());
            return Results.Json(report, ServiceJsonContext.Default.StatsReport);
        });
        return endpoints;
    }
}
