using Dispatch.Pipeline.Hosted;
using Dispatch.Pipeline.Presence;
using Dispatch.Service.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosted;

/// <summary>Chooses the endpoint's mode at registration, from <c>Dispatch:WebSocket:Mode</c>.</summary>
internal static class HostedGatewayServiceCollectionExtensions
{
    public static bool IsConnectionHosted(IConfiguration webSocketSection) =>
        string.Equals(webSocketSection[nameof(GatewayOptions.Mode)], GatewayOptions.ConnectionHostedMode, StringComparison.Ordinal);

    /// <summary>
    /// Message-dispatch mode registers the pipeline opener. Connection-hosted mode registers the hosted opener and
    /// hands the workers to the lease pool, whose queue settings come from <see cref="GatewayOptions"/>.
    /// </summary>
    public static IServiceCollection AddGatewayMode(this IServiceCollection services, IConfiguration webSocketSection)
    {
        if (!IsConnectionHosted(webSocketSection))
        {
            services.TryAddSingleton<IConnectionOpener, PipelineOpener>();
            return services;
        }

        services.AddDispatchHostedMode();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PresenceOptions>, HostedPresenceValidator>());
        services.AddOptions<HostedPoolOptions>().Configure<IOptions<GatewayOptions>>(static (pool, gateway) =>
        {
            pool.QueueTimeout = gateway.Value.HostedQueueTimeout;
            pool.QueueLimit = gateway.Value.HostedQueueLimit;
        });
        services.TryAddSingleton<IConnectionOpener, HostedOpener>();
        return services;
    }
}
