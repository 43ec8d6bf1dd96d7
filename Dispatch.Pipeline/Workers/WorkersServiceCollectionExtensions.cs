using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Workers;

/// <summary>Registers the PHP worker pool and its supervisor.</summary>
public static class WorkersServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WorkersOptions"/> from <c>Workers</c> under <paramref name="dispatchSection"/> (validated at start),
    /// and registers <see cref="TimeProvider.System"/> (if absent), <see cref="IWorkerLauncher"/> (the PHP launcher),
    /// <see cref="WorkerSupervisor"/> (also as <see cref="IWorkerSupervisor"/>) and <see cref="IWorkerPool"/>, all
    /// singletons. The host calls <see cref="IWorkerSupervisor.StartAsync"/> / <see cref="IWorkerSupervisor.StopAsync"/>.
    /// The maximum frame size comes from <see cref="LimitsOptions.MaxWorkerFrameBytes"/>.
    /// </summary>
    public static IServiceCollection AddDispatchWorkers(this IServiceCollection services, IConfiguration dispatchSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dispatchSection);

        services.AddOptions<WorkersOptions>()
            .Bind(dispatchSection.GetSection(WorkersOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkersOptions>, WorkersOptionsValidator>());
        services.AddOptions<LimitsOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp => new PipelineMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IWorkerLauncher, PhpWorkerLauncher>();
        services.TryAddSingleton(sp => new WorkerPool(
            sp.GetRequiredService<IOptions<WorkersOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WorkerPool>>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value.EventTimeout));
        services.TryAddSingleton<IWorkerPool>(sp => sp.GetRequiredService<WorkerPool>());
        services.TryAddSingleton(sp => new WorkerSupervisor(
            sp.GetRequiredService<IOptions<WorkersOptions>>(),
            sp.GetRequiredService<IOptions<LimitsOptions>>(),
            sp.GetRequiredService<WorkerPool>(),
            sp.GetRequiredService<IWorkerLauncher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WorkerSupervisor>>(),
            sp.GetRequiredService<PipelineMetrics>(),
            sp.GetService<FanOutActivity>()));
        services.TryAddSingleton<IWorkerSupervisor>(sp => sp.GetRequiredService<WorkerSupervisor>());
        return services;
    }
}
