using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// The properties of a <see cref="WorkerCommand"/> for <see cref="WorkerResponseReader"/>: one bit each (so a repeated
/// property is seen), and how each value is read. A value of an unexpected JSON type makes the reader decline.
/// </summary>
internal static class WorkerCommandProperty
{
    private const int Event = 1 << 0;
    private const int Data = 1 << 1;
    private const int Opcode = 1 << 2;
    private const int Room = 1 << 3;
    private const int ExceptId = 1 << 4;
    private const int TargetId = 1 << 5;
    private const int UserId = 1 << 6;
    private const int Rooms = 1 << 7;
    private const int Attrs = 1 << 8;
    private const int Keys = 1 << 9;
    private const int Key = 1 << 10;
    private const int Value = 1 << 11;
    private const int Code = 1 << 12;
    private const int Reason = 1 << 13;
    private const int Status = 1 << 14;
    private const int AfterMs = 1 << 15;
    private const int Mode = 1 << 16;
    private const int Id = 1 << 17;
    private const int ErrorClass = 1 << 18;
    private const int Error = 1 << 19;

    /// <summary>The bit of the property name the reader is on, or 0 for a name the contract type does not have.</summary>
    public static int Of(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("event"u8) ? Event
        : reader.ValueTextEquals("data"u8) ? Data
        : reader.ValueTextEquals("opcode"u8) ? Opcode
        : reader.ValueTextEquals("room"u8) ? Room
        : reader.ValueTextEquals("except_id"u8) ? ExceptId
        : reader.ValueTextEquals("target_id"u8) ? TargetId
        : reader.ValueTextEquals("user_id"u8) ? UserId
        : reader.ValueTextEquals("rooms"u8) ? Rooms
        : reader.ValueTextEquals("attrs"u8) ? Attrs
        : reader.ValueTextEquals("keys"u8) ? Keys
        : reader.ValueTextEquals("key"u8) ? Key
        : reader.ValueTextEquals("value"u8) ? Value
        : reader.ValueTextEquals("code"u8) ? Code
        : reader.ValueTextEquals("reason"u8) ? Reason
        : reader.ValueTextEquals("status"u8) ? Status
        : reader.ValueTextEquals("after_ms"u8) ? AfterMs
        : reader.ValueTextEquals("mode"u8) ? Mode
        : reader.ValueTextEquals("id"u8) ? Id
        : reader.ValueTextEquals("error_class"u8) ? ErrorClass
        : reader.ValueTextEquals("error"u8) ? Error
        : 0;

    /// <summary>Reads the value of <paramref name="property"/> into <paramref name="command"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, int property, WorkerCommand command)
    {
        switch (property)
        {
            case Rooms or Keys:
                if (!TryStrings(ref reader, out var list))
                {
                    return false;
                }

                if (property == Rooms)
                {
                    command.Rooms = list;
                }
                else
                {
                    command.Keys = list;
                }

                return true;
            case Attrs:
                if (!TryAttrs(ref reader, out var attrs))
                {
                    return false;
                }

                command.Attrs = attrs;
                return true;
            case Code or Status:
                if (!TryInt32(ref reader, out var number))
                {
                    return false;
                }

                if (property == Code)
                {
                    command.Code = number;
                }
                else
                {
                    command.Status = number;
                }

                return true;
            case AfterMs:
                if (!TryInt64(ref reader, out var afterMs))
                {
                    return false;
                }

                command.AfterMs = afterMs;
                return true;
        }

        if (!WorkerResponseReader.TryString(ref reader, out var text, known: property is Event or Opcode or Mode))
        {
            return false;
        }

        switch (property)
        {
            case Event: command.Event = text; break;
            case Data: command.Data = text; break;
            case Opcode: command.Opcode = text; break;
            case Room: command.Room = text; break;
            case ExceptId: command.ExceptId = text; break;
            case TargetId: command.TargetId = text; break;
            case UserId: command.UserId = text; break;
            case Key: command.Key = text; break;
            case Value: command.Value = text; break;
            case Reason: command.Reason = text; break;
            case Mode: command.Mode = text; break;
            case Id: command.Id = text; break;
            case ErrorClass: command.ErrorClass = text; break;
            case Error: command.Error = text; break;
            default: return false;
        }

        return true;
    }

    // The serializer's int converter takes the same numbers as its long converter, within int's range.
    private static bool TryInt32(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!TryInt64(ref reader, out var wide) || wide is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int?)wide;
        return true;
    }

    private static bool TryInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (!TryOpen(ref reader, out var isNull) || isNull)
        {
            return isNull;
        }

        if (!reader.TryGetInt64(out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    // A number token, or JSON null; the serializer's integer converters take nothing else.
    private static bool TryOpen(ref Utf8JsonReader reader, out bool isNull) =>
        WorkerResponseReader.TryOpen(ref reader, JsonTokenType.Number, out isNull);

    private static bool TryStrings(ref Utf8JsonReader reader, out List<string>? values)
    {
        values = null;
        if (!WorkerResponseReader.TryOpen(ref reader, JsonTokenType.StartArray, out var isNull) || isNull)
        {
            return isNull;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        values = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryAttrs(ref Utf8JsonReader reader, out Dictionary<string, string>? attrs)
    {
        attrs = null;
        if (!WorkerResponseReader.TryOpen(ref reader, JsonTokenType.StartObject, out var isNull) || isNull)
        {
            return isNull;
        }

        var dictionary = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || !dictionary.TryAdd(key, reader.GetString()!))
            {
                return false;
            }
        }

        attrs = dictionary;
        return reader.TokenType == JsonTokenType.EndObject;
    }
}
