using Microsoft.Extensions.Hosting;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Creates the <c>/metrics</c> collector and the gauges when the host starts: after the options were validated (so a
/// bad setting fails start-up with its message, not the app's construction) and before any websocket traffic, so the
/// first scrape already accounts for everything.
/// </summary>
internal sealed class MetricsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MetricsCollector>(services);
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ServiceGauges>(services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
