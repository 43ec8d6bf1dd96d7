using Microsoft.Extensions.Options;

namespace Dispatch.Service.Logging;

internal sealed class LoggingOptionsValidator : IValidateOptions<LoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoggingOptions options) =>
        options.Format is null or LoggingOptions.Simple or LoggingOptions.Json or LoggingOptions.Systemd
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Dispatch:Logging:Format must be '{LoggingOptions.Simple}', '{LoggingOptions.Json}' or '{LoggingOptions.Systemd}'; got '{options.Format}'.");
}
