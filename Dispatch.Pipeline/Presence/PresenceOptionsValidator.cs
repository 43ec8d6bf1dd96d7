using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Presence;

/// <summary>
/// Start-up checks of <see cref="PresenceOptions"/>: every bad room pattern is named with its position, so a typo
/// fails <c>dotnet run</c> instead of silently watching nothing.
/// </summary>
internal sealed class PresenceOptionsValidator : IValidateOptions<PresenceOptions>
{
    internal const int MaxPending = 1_000_000;

    private const string Prefix = "Dispatch:Presence:";

    public ValidateOptionsResult Validate(string? name, PresenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        for (var i = 0; i < options.Rooms.Count; i++)
        {
            if (Problem(options.Rooms[i]) is { } problem)
            {
                builder.AddError($"{Prefix}Rooms:{i} {problem}.");
            }
        }

        if (options.MaxPendingPerConnection is < 1 or > MaxPending)
        {
            builder.AddError($"{Prefix}MaxPendingPerConnection must be between 1 and {MaxPending}; got {options.MaxPendingPerConnection}.");
        }

        return builder.Build();
    }

    /// <summary>Why <paramref name="pattern"/> is not a room pattern, or null when it is.</summary>
    internal static string? Problem(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "is empty (use a room name, a prefix ending in '*' such as 'chat:*', or '*' for every room)";
        }

        if (pattern.Trim().Length != pattern.Length)
        {
            return $"'{pattern}' has leading or trailing spaces (room names are matched exactly)";
        }

        if (pattern.Any(char.IsControl))
        {
            return "contains control characters, which no room name can contain";
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != pattern.Length - 1)
        {
            return $"'{pattern}' has a '*' that is not at the end ('*' only marks a prefix, as in 'chat:*')";
        }

        return null;
    }
}
