using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Presence;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Commands.DependencyInjection;

/// <summary>Registers the hub, router, validator, executor, metrics and the validated <see cref="LimitsOptions"/>.</summary>
public static class CommandsServiceCollectionExtensions
{
    /// <param name="dispatchSection">The <c>Dispatch</c> configuration section; limits bind from its <c>Limits</c> child.</param>
    public static IServiceCollection AddDispatchCommands(this IServiceCollection services, IConfiguration dispatchSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dispatchSection);

        var limitsSection = dispatchSection.GetSection(LimitsOptions.SectionName);
        services.AddOptionsWithValidateOnStart<LimitsOptions>().Bind(limitsSection);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitsOptions>>(new LimitsOptionsValidator(limitsSection.Path)));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DispatchMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        // Factories throughout: the types also have convenience constructors for tests, which DI must not pick.
        // The presence observer is the pipeline's (message-dispatch mode); without one the hub reports nothing.
        services.TryAddSingleton(sp => new ConnectionHub(
            sp.GetRequiredService<IOptions<LimitsOptions>>(),
            sp.GetService<IPresenceObserver>()));
        services.TryAddSingleton<IConnectionHub>(sp => sp.GetRequiredService<ConnectionHub>());
        services.TryAddSingleton<FanOutActivity>();
        services.TryAddSingleton<IMessageRouter>(sp => new LocalMessageRouter(
            sp.GetRequiredService<ConnectionHub>(),
            sp.GetService<ILogger<LocalMessageRouter>>(),
            sp.GetRequiredService<DispatchMetrics>(),
            sp.GetRequiredService<FanOutActivity>()));
        services.TryAddSingleton(sp => new CommandValidator(
            sp.GetRequiredService<IOptions<LimitsOptions>>().Value,
            sp.GetService<ILogger<CommandValidator>>(),
            sp.GetRequiredService<DispatchMetrics>()));
        services.TryAddSingleton(sp => new CommandExecutor(
            sp.GetRequiredService<ConnectionHub>(),
            sp.GetRequiredService<IMessageRouter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<CommandExecutor>>(),
            sp.GetRequiredService<DispatchMetrics>()));
        services.TryAddSingleton<ICommandExecutor>(sp => sp.GetRequiredService<CommandExecutor>());
        return services;
    }
}
