using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Dispatch.Commands.Contract;

/// <summary>
/// Writes the CONTRACT 4.1 event of a text message straight from the received UTF-8 bytes, with the connection's
/// constant fields copied from <see cref="ConnectionEventFields"/> and the metadata from the snapshot's cached JSON: no
/// <see cref="WorkerEvent"/>, no string of the message and no dictionary walk per message. The bytes are those
/// <see cref="ContractJson.SerializeEvent"/> writes for the same event (same property order, same escaping; a test
/// compares them), so workers cannot tell the two apart.
/// </summary>
public static class MessageEventWriter
{
    private static readonly JsonEncodedText ModeName = JsonEncodedText.Encode("mode");
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText QueryName = JsonEncodedText.Encode("query");
    private static readonly JsonEncodedText HeadersName = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText RemoteAddrName = JsonEncodedText.Encode("remote_addr");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("request_id");
    private static readonly JsonEncodedText TraceIdName = JsonEncodedText.Encode("trace_id");
    private static readonly JsonEncodedText OpcodeName = JsonEncodedText.Encode("opcode");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText MetadataName = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText MessageValue = JsonEncodedText.Encode(WireNames.Message);
    private static readonly JsonEncodedText TextValue = JsonEncodedText.Encode(WireNames.Text);

    // The write is synchronous, so one buffer and one writer per thread serve every event written on it.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Writes the event, or returns false when <paramref name="utf8Text"/> is not valid UTF-8 (the caller then goes
    /// through <see cref="ContractJson.SerializeEvent"/>, which substitutes what cannot be decoded).
    /// </summary>
    public static bool TryWrite(
        string mode,
        ConnectionEventFields fields,
        ReadOnlySpan<byte> utf8Text,
        MetadataSnapshot metadata,
        out RentedJson json)
    {
        if (!Utf8.IsValid(utf8Text))
        {
            json = default;
            return false;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJsonContext.Default.Options.Encoder });
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        writer.WriteString(ModeName, mode);
        writer.WriteString(EventName, MessageValue);
        WriteRaw(writer, IdName, fields.Id);
        WriteRaw(writer, PathName, fields.Path);
        WriteRaw(writer, QueryName, fields.Query);
        WriteRaw(writer, HeadersName, fields.Headers);
        WriteRaw(writer, RemoteAddrName, fields.RemoteAddr);
        WriteRaw(writer, RequestIdName, fields.RequestId);
        WriteRaw(writer, TraceIdName, fields.TraceId);
        writer.WriteString(OpcodeName, TextValue);
        writer.WriteString(DataName, utf8Text);
        WriteRaw(writer, MetadataName, metadata.Utf8Json);
        writer.WriteEndObject();
        writer.Flush();

        var written = buffer.WrittenSpan;
        var array = ArrayPool<byte>.Shared.Rent(written.Length);
        written.CopyTo(array);
        json = RentedJson.Rented(array, written.Length);

        // A large message must not stay pinned to the thread for good.
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }

        return true;
    }

    // The value is JSON the contract serializer wrote: no need to check it again.
    private static void WriteRaw(Utf8JsonWriter writer, JsonEncodedText name, byte[] json)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(json, skipInputValidation: true);
    }
}
