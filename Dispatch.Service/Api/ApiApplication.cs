using System.Net;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;
using Dispatch.Service.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Api;

/// <summary>
/// Builds the API's own small <see cref="WebApplication"/>: Kestrel bound to <c>Dispatch:Api:Url</c> only, no
/// configuration sources of its own (so <c>--urls</c>, <c>ASPNETCORE_URLS</c> and <c>Urls</c> keep meaning the
/// websocket listener), no websockets, and handlers that act on the main application's singletons.
/// </summary>
internal static class ApiApplication
{
    public static WebApplication Build(IServiceProvider main, ApiOptions options, ApiListenAddress address)
    {
        var limits = main.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var maxBodyBytes = options.EffectiveMaxBodyBytes(limits.MaxMessageBytes);
        var loggerFactory = main.GetRequiredService<ILoggerFactory>();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ApiApplication).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
            Listen(kestrel, address);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(new ApiLoggerFactory(loggerFactory)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, ApiHostLifetime>());
        ForwardMainServices(builder.Services, main);

        var app = builder.Build();
        app.UseRouting();
        var token = string.IsNullOrEmpty(options.Token) ? null : new BearerToken(options.Token);
        var logger = loggerFactory.CreateLogger(typeof(ApiServer).FullName!);
        app.Use(next => new ApiGateMiddleware(next, token, logger).InvokeAsync);

        var context = new ApiContext(
            main.GetRequiredService<IConnectionHub>(),
            main.GetRequiredService<IMessageRouter>(),
            new ApiCommands(new CommandValidator(limits)),
            main.GetRequiredService<IWorkerSupervisor>(),
            maxBodyBytes,
            logger);
        MapRoutes(app, context);
        return app;
    }

    /// <summary>
    /// Every route of the API listener. <c>/healthz</c> and <c>/readyz</c> are the same endpoints as on the websocket
    /// listener and need no token; everything else does (<see cref="ApiGateMiddleware"/>). More routes, such as
    /// <c>/metrics</c>, are one more Map call here (and a path in <c>openapi.json</c>; a test checks).
    /// </summary>
    private static void MapRoutes(WebApplication app, ApiContext context)
    {
        app.MapGroup("").AllowAnonymous().MapDispatchHealth();
        OpenApiEndpoint.Map(app);
        var v1 = app.MapGroup("/v1");
        DeliveryEndpoints.Map(v1, context);
        CloseEndpoints.Map(v1, context);
        QueryEndpoints.Map(v1, context);
        AdminEndpoints.Map(v1, context);
    }

    /// <summary>The main application's singletons that endpoints take as handler parameters (the health checks).</summary>
    private static void ForwardMainServices(IServiceCollection services, IServiceProvider main)
    {
        services.AddSingleton(main.GetRequiredService<IConnectionHub>());
        services.AddSingleton(main.GetRequiredService<IWorkerSupervisor>());
        services.AddSingleton(main.GetRequiredService<ConnectionTracker>());
        services.AddSingleton(main.GetRequiredService<TimeProvider>());
    }

    private static void Listen(KestrelServerOptions kestrel, ApiListenAddress address)
    {
        if (address.IsLocalhost)
        {
            kestrel.ListenLocalhost(address.Port);
        }
        else if (address.Address is { } ip && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            kestrel.ListenAnyIP(address.Port);
        }
        else
        {
            kestrel.Listen(address.Address!, address.Port);
        }
    }
}
