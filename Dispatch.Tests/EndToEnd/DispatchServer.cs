using System.Net.Http.Headers;
using Dispatch.Service.Api;
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
/// Program uses, bound to 127.0.0.1:0. The server API listens on its own 127.0.0.1:0 with <see cref="ApiToken"/>
/// unless the settings say otherwise.
/// </summary>
public sealed class DispatchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DispatchServer(WebApplication app, Uri httpBase)
    {
        _app = app;
        HttpBase = httpBase;
    }

    /// <summary>The bearer token the test server's API is configured with (unless a test overrides it).</summary>
    public const string ApiToken = "test-api-token-7f3a";

    public Uri HttpBase { get; }

    /// <summary>The API listener's base address (null when the API is disabled).</summary>
    public Uri? ApiBase => _app.Services.GetRequiredService<ApiServer>().Address;

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
            ["Dispatch:Api:Url"] = "http://127.0.0.1:0",
            ["Dispatch:Api:Token"] = ApiToken,
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

    /// <summary>An HttpClient for the API listener, sending <paramref name="token"/> as the bearer token
    /// (<see cref="ApiToken"/> by default; null sends no Authorization header).</summary>
    public HttpClient ApiClient(string? token = ApiToken)
    {
        var client = new HttpClient { BaseAddress = ApiBase ?? throw new InvalidOperationException("The API is disabled."), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public T GetRequiredService<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task StopAsync() => await _app.StopAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
