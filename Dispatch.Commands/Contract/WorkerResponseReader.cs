using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// Reads a well-formed CONTRACT 4.2 response with one <see cref="Utf8JsonReader"/> pass, without the serializer's
/// read stack (a frame array per nested call). It only accepts what it fully understands: known properties, each once,
/// with the JSON types of their C# types. Anything else (an unknown or repeated property, a number where a string
/// belongs, a comment, invalid UTF-8, trailing text) makes it decline, and the caller parses with the generated
/// serializer, whose result and error messages stay the reference. Whatever it accepts, the serializer reads alike
/// (a test holds them to the same objects).
/// </summary>
internal static class WorkerResponseReader
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out WorkerResponse? response)
    {
        response = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadResponse(ref reader, out var result))
            {
                return false;
            }

            // Only whitespace may follow the object; more JSON makes the reader throw.
            if (reader.Read())
            {
                return false;
            }

            response = result;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string that is not valid UTF-8: the serializer reports it properly.
            return false;
        }
    }

    private const int Mode = 1;
    private const int Id = 2;
    private const int Accepted = 4;
    private const int Commands = 8;
    private const int Event = 16;
    private const int ErrorClass = 32;
    private const int Error = 64;

    private static bool TryReadResponse(ref Utf8JsonReader reader, [NotNullWhen(true)] out WorkerResponse? response)
    {
        response = null;
        var result = new WorkerResponse();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("mode"u8) ? Mode
                : reader.ValueTextEquals("id"u8) ? Id
                : reader.ValueTextEquals("accepted"u8) ? Accepted
                : reader.ValueTextEquals("commands"u8) ? Commands
                : reader.ValueTextEquals("event"u8) ? Event
                : reader.ValueTextEquals("error_class"u8) ? ErrorClass
                : reader.ValueTextEquals("error"u8) ? Error
                : 0;
            if (property == 0 || (seen & property) != 0 || !TryReadProperty(ref reader, property, result))
            {
                return false;
            }

            seen |= property;
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        response = result;
        return true;
    }

    private static bool TryReadProperty(ref Utf8JsonReader reader, int property, WorkerResponse response)
    {
        switch (property)
        {
            case Accepted:
                if (!TryBoolean(ref reader, out var accepted))
                {
                    return false;
                }

                response.Accepted = accepted;
                return true;
            case Commands:
                if (!TryCommands(ref reader, out var commands))
                {
                    return false;
                }

                response.Commands = commands;
                return true;
        }

        if (!TryString(ref reader, out var text, known: property is Mode or Event))
        {
            return false;
        }

        switch (property)
        {
            case Mode: response.Mode = text; break;
            case Id: response.Id = text; break;
            case Event: response.Event = text; break;
            case ErrorClass: response.ErrorClass = text; break;
            default: response.Error = text; break;
        }

        return true;
    }

    private static bool TryCommands(ref Utf8JsonReader reader, out List<WorkerCommand>? commands)
    {
        commands = null;
        if (!TryOpen(ref reader, JsonTokenType.StartArray, out var isNull) || isNull)
        {
            // JSON null reads as no list; anything else but an array declines.
            return isNull;
        }

        var list = new List<WorkerCommand>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadCommand(ref reader, out var command))
            {
                return false;
            }

            list.Add(command);
        }

        commands = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadCommand(ref Utf8JsonReader reader, [NotNullWhen(true)] out WorkerCommand? command)
    {
        command = null;
        var result = new WorkerCommand();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = WorkerCommandProperty.Of(ref reader);
            if (property == 0 || (seen & property) != 0 || !WorkerCommandProperty.TryRead(ref reader, property, result))
            {
                return false;
            }

            seen |= property;
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        command = result;
        return true;
    }

    /// <summary>
    /// Reads the next token, which must be JSON null (<paramref name="isNull"/>) or <paramref name="start"/>: false
    /// for anything else, or when the input ends.
    /// </summary>
    internal static bool TryOpen(ref Utf8JsonReader reader, JsonTokenType start, out bool isNull)
    {
        isNull = false;
        if (!reader.Read())
        {
            return false;
        }

        isNull = reader.TokenType == JsonTokenType.Null;
        return isNull || reader.TokenType == start;
    }

    /// <summary>A string or JSON null. <paramref name="known"/>: a property whose values are usually wire names
    /// (<see cref="KnownWireValues"/>), read without a new string when they are.</summary>
    internal static bool TryString(ref Utf8JsonReader reader, out string? value, bool known = false)
    {
        value = null;
        if (!TryOpen(ref reader, JsonTokenType.String, out var isNull) || isNull)
        {
            return isNull;
        }

        value = known ? KnownWireValues.GetString(ref reader) : reader.GetString();
        return true;
    }

    private static bool TryBoolean(ref Utf8JsonReader reader, out bool? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }
}
