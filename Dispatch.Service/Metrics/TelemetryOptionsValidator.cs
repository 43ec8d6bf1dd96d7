using Microsoft.Extensions.Options;

namespace Dispatch.Service.Metrics;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    private const string Prefix = "Dispatch:Telemetry:";

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Prefix}OtlpEndpoint must be an absolute http:// or https:// URL; got '{options.OtlpEndpoint}'.");
        }

        if (options.OtlpProtocol is not (TelemetryOptions.HttpProtobuf or TelemetryOptions.Grpc))
        {
            failures.Add($"{Prefix}OtlpProtocol must be '{TelemetryOptions.HttpProtobuf}' or '{TelemetryOptions.Grpc}'; got '{options.OtlpProtocol}'.");
        }

        if (options.OtlpExportInterval < TimeSpan.FromMilliseconds(100) || options.OtlpExportInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}OtlpExportInterval must be between 00:00:00.100 and 01:00:00; got {options.OtlpExportInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
