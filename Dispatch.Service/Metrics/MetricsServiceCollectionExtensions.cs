using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>The gateway's instruments, the gauges, the <c>/metrics</c> collector and the optional OTLP export.</summary>
    public static IServiceCollection AddDispatchMetrics(this IServiceCollection services, IConfiguration dispatchSection)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().Bind(dispatchSection.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<ServiceGauges>();
        services.TryAddSingleton<MetricsCollector>();
        services.AddHostedService<MetricsStartup>();
        services.AddHostedService<OtlpMetricsExporter>();
        return services;
    }
}
