using Dispatch.Pipeline.Options;
using Dispatch.Service.Admin;
using Dispatch.Service.Gateway;
using Dispatch.Service.Health;
using Dispatch.Service.Logging;
using Dispatch.Service.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosting;

/// <summary>Builds the Dispatch web application; used by <c>Program</c> and by the end-to-end tests.</summary>
public static class DispatchApp
{
    /// <summary>
    /// Runs Dispatch until shutdown. A configuration error or a worker that cannot start ends the process with a short
    /// message naming the cause (exit code 2 and 3) instead of a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failures = OptionsFailures(ex);
            if (failures.Count > 0)
            {
                await Console.Error.WriteLineAsync("Dispatch cannot start: the configuration is invalid.").ConfigureAwait(false);
                foreach (var failure in failures)
                {
                    await Console.Error.WriteLineAsync("  - " + failure).ConfigureAwait(false);
                }

                return 2;
            }

            await Console.Error.WriteLineAsync("Dispatch cannot start: " + ex.Message).ConfigureAwait(false);
            return 3;
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static List<string> OptionsFailures(Exception ex) => ex switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.Flatten().InnerExceptions.SelectMany(OptionsFailures)],
        _ => [],
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Hosting's request diagnostics (an Activity and a log scope) live as long as the request, and a websocket's
        // request lasts as long as the connection: about 450 bytes per idle connection, for request start/finish
        // lines that are Information level and so not written by default anyway. Lowest priority, so configuration
        // (Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics) can turn them back on.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "None")],
        });
        configure?.Invoke(builder);
        builder.Services.AddDispatch(builder.Configuration);
        builder.AddDispatchLogging(builder.Configuration.GetSection(ServiceCollectionExtensions.RootSection));

        // Shutdown must outlast the drain deadline, or the host would cut the close events short.
        var drain = builder.Configuration.GetSection($"{ServiceCollectionExtensions.RootSection}:{PipelineOptions.SectionName}")
            .GetValue("DrainTimeout", new PipelineOptions().DrainTimeout);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain + TimeSpan.FromSeconds(10));

        var app = builder.Build();
        app.UseWebSockets();
        app.UseMiddleware<WebSocketGatewayMiddleware>();
        app.MapDispatchHealth();
        app.MapDispatchStats();
        return app;
    }
}
