using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Service.Health;

/// <summary>Ready only while at least one PHP worker is live and the pool is not crash-looping.</summary>
internal sealed class WorkersHealthCheck(IWorkerSupervisor supervisor) : IHealthCheck
{
    public const string Name = "workers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var live = supervisor.LiveWorkers;
        var result = supervisor.IsCrashLooping
            ? HealthCheckResult.Unhealthy("The worker pool is crash-looping; see the log for the worker's last output.")
            : live == 0
                ? HealthCheckResult.Unhealthy("No PHP worker is live.")
                : HealthCheckResult.Healthy($"{live} worker(s) live.");
        return Task.FromResult(result);
    }
}
