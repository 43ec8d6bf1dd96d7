using Dispatch.Pipeline.DependencyInjection;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Admin;
using Dispatch.Service.Api;
using Dispatch.Service.Connections;
using Dispatch.Service.Gateway;
using Dispatch.Service.Health;
using Dispatch.Service.Hosted;
using Dispatch.Service.Metrics;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosting;

internal static class ServiceCollectionExtensions
{
    public const string RootSection = "Dispatch";

    /// <summary>Everything Dispatch needs: the commands/hub, the pipeline and workers, and the websocket gateway.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        var dispatch = configuration.GetSection(RootSection);
        services.AddDispatchPipeline(dispatch);
        services.AddDispatchWorkers(dispatch);

        services.AddOptions<GatewayOptions>().Bind(dispatch.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddOptions<SocketTransportOptions>().Configure<IConfiguration>(static (sockets, configuration) =>
            sockets.IOQueueCount = GatewayOptions.ResolveIoQueues(ConfiguredIoQueues(configuration)));
        services.AddOptions<AdminOptions>().Bind(dispatch.GetSection(AdminOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PathMatcher>();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton<ConnectionTracker>();
        services.TryAddSingleton<DescriptorFactory>();
        services.AddGatewayMode(dispatch.GetSection(GatewayOptions.SectionName));
        services.AddHealthChecks()
            .AddCheck<WorkersHealthCheck>(WorkersHealthCheck.Name, tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DrainingHealthCheck>(DrainingHealthCheck.Name, tags: [HealthEndpoints.ReadyTag]);
        services.AddDispatchMetrics(dispatch);
        services.AddHostedService<DispatchLifecycleService>();

        // After the lifecycle service: the API starts once workers are up and stops before they drain.
        services.AddDispatchApi(dispatch);
        return services;
    }

    /// <summary>
    /// <c>Dispatch:WebSocket:IoQueues</c> read as the options binder reads it, but without the validated options: Kestrel
    /// builds its transport while the app is being built, and a bad setting must fail at start-up with the other
    /// settings' messages, not as a crash inside Build. Null when unset or unreadable (start-up reports the latter).
    /// </summary>
    private static int? ConfiguredIoQueues(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{RootSection}:{GatewayOptions.SectionName}:{nameof(GatewayOptions.IoQueues)}");
        try
        {
            return section.Get<int?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
