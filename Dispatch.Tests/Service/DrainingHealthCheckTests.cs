using Dispatch.Service.Connections;
using Dispatch.Service.Gateway;
using Dispatch.Service.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Service;

public sealed class DrainingHealthCheckTests
{
    [Fact]
    public async Task IsHealthyUntilShutdownBegins_ThenUnhealthy()
    {
        var tracker = new ConnectionTracker(Options.Create(new GatewayOptions()));
        var check = new DrainingHealthCheck(tracker);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        tracker.StopAndCloseAll();
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.Contains("shutting down", after.Description, StringComparison.Ordinal);
    }
}
