using Dispatch.Service.Connections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Service.Health;

/// <summary>Not ready once shutdown has begun, so a load balancer stops sending upgrades before the drain.</summary>
internal sealed class DrainingHealthCheck(ConnectionTracker tracker) : IHealthCheck
{
    public const string Name = "draining";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracker.IsStopping
            ? HealthCheckResult.Unhealthy("Dispatch is shutting down and draining its connections.")
            : HealthCheckResult.Healthy("Accepting connections."));
}
