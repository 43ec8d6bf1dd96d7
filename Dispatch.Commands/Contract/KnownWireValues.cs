using System.Text;
using System.Text.Json;
using Dispatch.Commands.Validation;

namespace Dispatch.Commands.Contract;

/// <summary>
/// The few strings that recur in every worker reply (the mode, command names, opcodes): read as the one shared string
/// instead of a new one per reply. Only plain (unescaped) values are matched; anything else is read as usual.
/// </summary>
internal static class KnownWireValues
{
    private static readonly (byte[] Utf8, string Value)[] Values =
    [
        .. new[] { WireNames.DispatchMode, WireNames.HostedMode, WireNames.Error, WireNames.Text, WireNames.Binary }
            .Concat(CommandNames.All)
            .Select(value => (Encoding.UTF8.GetBytes(value), value)),
    ];

    /// <summary>The string value the reader is on (a <see cref="JsonTokenType.String"/> token).</summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            foreach (var (utf8, value) in Values)
            {
                if (span.SequenceEqual(utf8))
                {
                    return value;
                }
            }
        }

        return reader.GetString()!;
    }
}
