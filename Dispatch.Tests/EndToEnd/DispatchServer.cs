using Dispatch.Service.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// The real service on a loopback port with real PHP worker processes: the same <see cref="DispatchApp.Build"/> that
/// Program uses, bound to 127.0.0.1:0.
/// </summary>
public sealed class DispatchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DispatchServer(WebApplication app, Uri httpBase)
    {
        _app = app;
        HttpBase = httpBase;
    }

    public Uri HttpBase { get; }

    public IServiceProvider Services => _app.Services;

    public Uri WebSocketUri(string pathAndQuery = "/ws") =>
        new($"ws://{HttpBase.Authority}{pathAndQuery}");

    public static async Task<DispatchServer> StartAsync(string appFile, int workers = 2, IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Dispatch:Workers:Count"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dispatch:Workers:App"] = appFile,
            ["Dispatch:Workers:WorkerScript"] = PhpPaths.WorkerScript,
            ["Dispatch:Pipeline:DrainTimeout"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = DispatchApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new DispatchServer(app, new Uri(addresses.Addresses.First()));
    }

    /// <summary>Scrapes <c>/metrics</c>; see <see cref="MetricsScrape.ScrapeAsync"/> for where it lives.</summary>
    public Task<MetricsScrape> ScrapeMetricsAsync() => MetricsScrape.ScrapeAsync(this);

    public T GetRequiredService<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task StopAsync() => await _app.StopAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
