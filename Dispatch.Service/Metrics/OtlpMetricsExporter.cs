using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Pushes the "Dispatch" meter to an OTLP collector when <c>Dispatch:Telemetry:OtlpEndpoint</c> is set (no
/// OpenTelemetry hosting package here, so the provider is built and disposed by hand); disposing flushes the last
/// export at shutdown.
/// </summary>
internal sealed class OtlpMetricsExporter : IHostedService, IDisposable
{
    private readonly IOptions<TelemetryOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<OtlpMetricsExporter> _logger;
    private MeterProvider? _provider;

    public OtlpMetricsExporter(IOptions<TelemetryOptions> options, IServiceProvider services, ILogger<OtlpMetricsExporter> logger)
    {
        // Read at start, not here: hosted services are built before the options are validated, and a bad setting
        // must be reported with every other one.
        _options = options;
        _services = services;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return Task.CompletedTask;
        }

        // The gauges exist only once someone exports them.
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ServiceGauges>(_services);
        var endpoint = Endpoint(options);
        var protocol = options.OtlpProtocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var interval = (int)options.OtlpExportInterval.TotalMilliseconds;
        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(static r => r.AddService("dispatch"))
            .AddMeter(GatewayMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = protocol;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
            })
            .Build();
        MetricsLog.OtlpExportStarted(_logger, endpoint.ToString(), options.OtlpProtocol, options.OtlpExportInterval.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _provider, null)?.Dispose();
    }

    /// <summary>Programmatic OTLP/HTTP endpoints are used as given, so a bare collector address gets the signal path.</summary>
    internal static Uri Endpoint(TelemetryOptions options)
    {
        var uri = new Uri(options.OtlpEndpoint!, UriKind.Absolute);
        return options.OtlpProtocol == TelemetryOptions.HttpProtobuf && uri.AbsolutePath is "/" or ""
            ? new Uri(uri, "v1/metrics")
            : uri;
    }
}
