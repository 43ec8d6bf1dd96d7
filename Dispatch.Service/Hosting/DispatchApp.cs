using Dispatch.Pipeline.Options;
using Dispatch.Service.Gateway;
using Dispatch.Service.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Service.Hosting;

/// <summary>Builds the Dispatch web application; used by <c>Program</c> and by the end-to-end tests.</summary>
public static class DispatchApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddDispatch(builder.Configuration);

        // Shutdown must outlast the drain deadline, or the host would cut the close events short.
        var drain = builder.Configuration.GetSection($"{ServiceCollectionExtensions.RootSection}:{PipelineOptions.SectionName}")
            .GetValue("DrainTimeout", new PipelineOptions().DrainTimeout);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain + TimeSpan.FromSeconds(10));

        var app = builder.Build();
        app.UseWebSockets();
        app.UseMiddleware<WebSocketGatewayMiddleware>();
        app.MapDispatchHealth();
        return app;
    }
}
