using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Telemetry;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Hosted;

/// <summary>Registers connection-hosted mode (CONTRACT 5).</summary>
public static class HostedServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IHostedConnections"/> and its lease pool, and makes the worker supervisor hand its workers
    /// to that pool instead of the message-dispatch pool (so no event can be dispatched through the pipeline). Call
    /// after <c>AddDispatchPipeline</c>; configure <see cref="HostedPoolOptions"/> for the wait queue.
    /// </summary>
    public static IServiceCollection AddDispatchHostedMode(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HostedPoolOptions>();
        services.TryAddSingleton(sp => new HostedWorkerPool(
            sp.GetRequiredService<IOptions<HostedPoolOptions>>(),
            sp.GetRequiredService<IOptions<WorkersOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HostedWorkerPool>>()));
        services.TryAddSingleton<IHostedConnections>(sp => new HostedConnections(
            sp.GetRequiredService<HostedWorkerPool>(),
            sp.GetRequiredService<CommandValidator>(),
            sp.GetRequiredService<ICommandExecutor>(),
            sp.GetRequiredService<IConnectionHub>(),
            sp.GetRequiredService<IMessageRouter>(),
            sp.GetRequiredService<ErrorFrames>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>(),
            sp.GetRequiredService<IOptions<LimitsOptions>>(),
            sp.GetRequiredService<IOptions<WorkersOptions>>(),
            sp.GetRequiredService<IOptions<HostedPoolOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HostedConnections>>()));
        services.Replace(ServiceDescriptor.Singleton(sp => new WorkerSupervisor(
            sp.GetRequiredService<IOptions<WorkersOptions>>(),
            sp.GetRequiredService<IOptions<LimitsOptions>>(),
            sp.GetRequiredService<HostedWorkerPool>(),
            sp.GetRequiredService<IWorkerLauncher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WorkerSupervisor>>(),
            sp.GetRequiredService<PipelineMetrics>())));
        return services;
    }
}
