using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Metrics;

internal static partial class MetricsLog
{
    [LoggerMessage(700, LogLevel.Information, "Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {IntervalSeconds} s.", EventName = "OtlpExportStarted")]
    public static partial void OtlpExportStarted(ILogger logger, string endpoint, string protocol, double intervalSeconds);
}
