using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Options;

/// <summary>
/// Checks <see cref="PipelineOptions"/> at start and reports every bad value at once, each naming its setting
/// (<c>Dispatch:Pipeline:GlobalQueue</c>), so a bad configuration fails <c>dotnet run</c>, not the first connection.
/// </summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public const string ErrorFrame = "error_frame";
    public const string None = "none";

    internal const int MaxQueue = 1_000_000;
    internal static readonly TimeSpan MinEventTimeout = TimeSpan.FromMilliseconds(10);
    internal static readonly TimeSpan MaxEventTimeout = TimeSpan.FromMinutes(10);

    private const string Prefix = "Dispatch:Pipeline:";

    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        CheckQueue(errors, nameof(PipelineOptions.PerConnectionQueue), options.PerConnectionQueue);
        CheckQueue(errors, nameof(PipelineOptions.GlobalQueue), options.GlobalQueue);
        CheckQueue(errors, nameof(PipelineOptions.ApplyQueue), options.ApplyQueue);

        if (options.EventTimeout < MinEventTimeout || options.EventTimeout > MaxEventTimeout)
        {
            errors.Add($"{Prefix}{nameof(PipelineOptions.EventTimeout)} must be between {MinEventTimeout} and {MaxEventTimeout} (was {options.EventTimeout}).");
        }

        if (options.OnEventFailure is not (ErrorFrame or None))
        {
            errors.Add($"{Prefix}{nameof(PipelineOptions.OnEventFailure)} must be '{ErrorFrame}' or '{None}' (was '{options.OnEventFailure}').");
        }

        if (options.MaxConsecutiveFailures < 0)
        {
            errors.Add($"{Prefix}{nameof(PipelineOptions.MaxConsecutiveFailures)} must be 0 (never close) or more (was {options.MaxConsecutiveFailures}).");
        }

        if (options.DrainTimeout <= TimeSpan.Zero || options.DrainTimeout > MaxEventTimeout)
        {
            errors.Add($"{Prefix}{nameof(PipelineOptions.DrainTimeout)} must be above zero and at most {MaxEventTimeout} (was {options.DrainTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckQueue(List<string> errors, string setting, int value)
    {
        if (value is < 1 or > MaxQueue)
        {
            errors.Add($"{Prefix}{setting} must be between 1 and {MaxQueue} (was {value}).");
        }
    }
}
