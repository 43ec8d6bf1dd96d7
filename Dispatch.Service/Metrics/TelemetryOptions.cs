namespace Dispatch.Service.Metrics;

/// <summary>Metrics export (section <c>Dispatch:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve <c>GET /metrics</c> (Prometheus text format) on the server-API listener, behind its token.</summary>
    public bool MetricsEndpoint { get; set; } = true;

    /// <summary>An OTLP collector to push metrics to, e.g. <c>http://collector:4318</c>; empty (the default) turns
    /// OTLP export off. For <c>http/protobuf</c> a bare address gets <c>/v1/metrics</c> appended.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = HttpProtobuf;

    /// <summary>How often metrics are pushed to <see cref="OtlpEndpoint"/>.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";
}
