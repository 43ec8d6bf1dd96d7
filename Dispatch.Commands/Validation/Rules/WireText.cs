namespace Dispatch.Commands.Validation.Rules;

/// <summary>Quotes worker-supplied text in log reasons without letting it flood or forge log lines.</summary>
internal static class WireText
{
    private const int MaxShown = 48;

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = value.Length <= MaxShown ? value : value[..MaxShown] + "...";
        if (HasControlChars(shown))
        {
            shown = new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        }

        return "\"" + shown + "\"";
    }

    public static bool HasControlChars(string value) => value.Any(char.IsControl);
}
