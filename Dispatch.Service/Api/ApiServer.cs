using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Api;

/// <summary>
/// Runs the API listener (<see cref="ApiApplication"/>) inside the main host. Registered after the worker lifecycle
/// service, so the API starts once the workers are up and stops before they drain.
/// </summary>
/// <remarks>Options are read in <see cref="StartAsync"/>, after the host's start-up validation has reported every bad
/// setting (see DispatchLifecycleService).</remarks>
internal sealed class ApiServer : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly ILogger<ApiServer> _logger;
    private WebApplication? _app;

    public ApiServer(IServiceProvider services, ILogger<ApiServer> logger)
    {
        _services = services;
        _logger = logger;
    }

    /// <summary>Where the API listens once started (the real port when configured with 0); null when disabled.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The API's mapped endpoints (for the test that keeps openapi.json complete); empty when disabled.</summary>
    public IReadOnlyList<Endpoint> Endpoints =>
        _app is null ? [] : [.. ((IEndpointRouteBuilder)_app).DataSources.SelectMany(static s => s.Endpoints)];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _services.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (!options.Enabled)
        {
            ApiLog.Disabled(_logger);
            return;
        }

        // The validator already refused a bad Url; parsing cannot fail here.
        var address = ApiListenAddress.TryParse(options.Url, out _)!;
        _app = ApiApplication.Build(_services, options, address);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = new Uri(bound ?? options.Url);
        ApiLog.Listening(_logger, Address);
        if (string.IsNullOrEmpty(options.Token))
        {
            ApiLog.NoToken(_logger, Address);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }
}
