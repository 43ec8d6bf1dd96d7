using Microsoft.Extensions.Options;

namespace Dispatch.Commands.Validation;

/// <summary>
/// Checks <see cref="LimitsOptions"/> at start-up and reports every bad value at once, each under its full setting
/// name (<c>Dispatch:Limits:MaxMessageBytes</c>), so one failed boot shows the whole fix.
/// </summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    // Base64 grows a binary message by 4/3; this leaves room for the rest of the event around it.
    private const int EventEnvelopeBytes = 64 * 1024;

    private readonly string _sectionPath;

    public LimitsOptionsValidator(string sectionPath = "Dispatch:Limits")
    {
        _sectionPath = sectionPath;
    }

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(failures, nameof(options.MaxMessageBytes), options.MaxMessageBytes, 1, 256 * 1024 * 1024);
        Range(failures, nameof(options.MaxWorkerFrameBytes), options.MaxWorkerFrameBytes, 1024, 1024 * 1024 * 1024);
        Range(failures, nameof(options.MaxCommandsPerResponse), options.MaxCommandsPerResponse, 1, 100_000);
        Range(failures, nameof(options.MaxRoomNameLength), options.MaxRoomNameLength, 1, 4096);
        Range(failures, nameof(options.MaxRoomsPerConnection), options.MaxRoomsPerConnection, 1, 100_000);
        Range(failures, nameof(options.MaxAttrsPerConnection), options.MaxAttrsPerConnection, 0, 100_000);
        Range(failures, nameof(options.MaxAttrKeyLength), options.MaxAttrKeyLength, 1, 4096);
        Range(failures, nameof(options.MaxAttrValueLength), options.MaxAttrValueLength, 1, 16 * 1024 * 1024);
        Range(failures, nameof(options.MaxUserIdLength), options.MaxUserIdLength, 1, 4096);

        // RFC 6455 5.5: a control frame payload is at most 125 bytes, 2 of which hold the code.
        Range(failures, nameof(options.MaxCloseReasonBytes), options.MaxCloseReasonBytes, 0, 123);

        // A client message must fit, base64-encoded, in the event frame that carries it to a worker.
        var neededFrame = ((long)options.MaxMessageBytes + 2) / 3 * 4 + EventEnvelopeBytes;
        if (options.MaxMessageBytes > 0 && options.MaxWorkerFrameBytes > 0 && neededFrame > options.MaxWorkerFrameBytes)
        {
            failures.Add(
                $"{_sectionPath}:MaxWorkerFrameBytes must be at least {neededFrame} to carry a base64 message of " +
                $"{_sectionPath}:MaxMessageBytes ({options.MaxMessageBytes}); got {options.MaxWorkerFrameBytes}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{_sectionPath}:{setting} must be between {min} and {max}; got {value}");
        }
    }
}
