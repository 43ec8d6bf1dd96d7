using Dispatch.Commands.DependencyInjection;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Telemetry;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.DependencyInjection;

/// <summary>
/// Registers message-dispatch mode: commands, workers, and the event graph behind <see cref="IEventPipeline"/>. The host
/// starts the worker supervisor, and at shutdown calls <see cref="IEventPipeline.DrainAsync"/> before the container is
/// disposed (disposal completes the graph).
/// </summary>
public static class PipelineServiceCollectionExtensions
{
    /// <param name="dispatchSection">The <c>Dispatch</c> configuration section; the pipeline binds its <c>Pipeline</c> child.</param>
    public static IServiceCollection AddDispatchPipeline(this IServiceCollection services, IConfiguration dispatchSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dispatchSection);

        // Both are idempotent (TryAdd*), so a host that also calls them directly registers nothing twice.
        services.AddDispatchCommands(dispatchSection);
        services.AddDispatchWorkers(dispatchSection);

        services.AddOptionsWithValidateOnStart<PipelineOptions>().Bind(dispatchSection.GetSection(PipelineOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PipelineMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ErrorFrames>();
        services.TryAddSingleton<WorkerDispatcher>();
        services.TryAddSingleton<ReplyApplier>();
        services.TryAddSingleton<SessionRegistry>();
        services.AddDispatchPresence(dispatchSection);
        services.TryAddSingleton<EventPipeline>();
        services.TryAddSingleton<IEventPipeline>(sp => sp.GetRequiredService<EventPipeline>());
        return services;
    }
}
