using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The server HTTP API on its own listener (<c>Dispatch:Api</c>), validated at start-up.</summary>
    /// <param name="dispatch">The <c>Dispatch</c> configuration section.</param>
    public static IServiceCollection AddDispatchApi(this IServiceCollection services, IConfiguration dispatch)
    {
        services.AddOptions<ApiOptions>().Bind(dispatch.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WorkersOptions>, WorkerApiEnvironment>());
        services.TryAddSingleton<ApiServer>();
        services.AddHostedService(static sp => sp.GetRequiredService<ApiServer>());
        return services;
    }
}
