namespace Dispatch.Commands.Validation.Rules;

/// <summary>
/// <c>set_metadata</c> attrs stay within the key/value/count limits, keys are printable, and reserved metadata names
/// (<see cref="ReservedMetadataKeys"/>) are never used as attrs.
/// </summary>
internal sealed class AttrsRule : ICommandRule
{
    // Enough to diagnose a worker bug; a hostile map of a million bad keys must not become a million log lines.
    private const int MaxReportedKeys = 8;

    public void Check(CommandCheck check)
    {
        if (check.Kind != CommandKind.SetMetadata || check.Command.Attrs is not { } attrs)
        {
            return;
        }

        var limits = check.Limits;
        if (attrs.Count > limits.MaxAttrsPerConnection)
        {
            check.Fail(RejectionKinds.Attrs, $"attrs has {attrs.Count} keys, above {limits.MaxAttrsPerConnection}");
        }

        var reported = 0;
        foreach (var (key, value) in attrs)
        {
            if (Problem(key, value, limits) is not { } problem)
            {
                continue;
            }

            if (++reported > MaxReportedKeys)
            {
                check.Fail(RejectionKinds.Attrs, "more attrs problems not listed");
                return;
            }

            check.Fail(RejectionKinds.Attrs, problem);
        }
    }

    private static string? Problem(string key, string? value, LimitsOptions limits)
    {
        if (key.Length == 0)
        {
            return "attrs key is empty";
        }

        if (ReservedMetadataKeys.IsReserved(key))
        {
            return $"attrs key {WireText.Quote(key)} is reserved metadata";
        }

        if (key.Length > limits.MaxAttrKeyLength)
        {
            return $"attrs key {WireText.Quote(key)} is {key.Length} chars, above {limits.MaxAttrKeyLength}";
        }

        if (WireText.HasControlChars(key))
        {
            return $"attrs key {WireText.Quote(key)} contains control characters";
        }

        if (value is null)
        {
            return $"attrs value of {WireText.Quote(key)} is null, not a string";
        }

        return value.Length > limits.MaxAttrValueLength
            ? $"attrs value of {WireText.Quote(key)} is {value.Length} chars, above {limits.MaxAttrValueLength}"
            : null;
    }
}
