using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// Reads and writes the wire contract through <see cref="ContractJsonContext"/>. Parsing never throws for bad input:
/// a worker is untrusted, so malformed JSON is an expected failure returned as a value.
/// </summary>
public static class ContractJson
{
    /// <summary>Serializes an event for a worker as UTF-8 JSON (nulls omitted).</summary>
    public static byte[] SerializeEvent(WorkerEvent workerEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(workerEvent, ContractJsonContext.Default.WorkerEvent);

    /// <summary>Serializes the error frame a client receives (CONTRACT 4.5).</summary>
    public static byte[] SerializeErrorFrame(ClientErrorFrame frame) =>
        JsonSerializer.SerializeToUtf8Bytes(frame, ContractJsonContext.Default.ClientErrorFrame);

    /// <summary>
    /// Parses a worker response (CONTRACT 4.2). Unknown keys are ignored and missing keys take defaults; anything
    /// that is not a JSON object of the right shape (wrong value types included) fails with a reason in
    /// <paramref name="error"/>.
    /// </summary>
    public static bool TryParseResponse(ReadOnlySpan<byte> utf8, out WorkerResponse? response, out string? error)
    {
        // The common, well-formed reply takes the single-pass reader; anything it declines gets the serializer's
        // verdict and messages.
        if (WorkerResponseReader.TryRead(utf8, out response))
        {
            error = null;
            return true;
        }

        return TryParse(utf8, ContractJsonContext.Default.WorkerResponse, out response, out error);
    }

    /// <summary>Parses one connection-hosted worker frame (CONTRACT 5) such as <c>{"mode":"websocket","event":"send",...}</c>.</summary>
    public static bool TryParseCommand(ReadOnlySpan<byte> utf8, out WorkerCommand? command, out string? error) =>
        TryParse(utf8, ContractJsonContext.Default.WorkerCommand, out command, out error);

    private static bool TryParse<T>(
        ReadOnlySpan<byte> utf8,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        out T? value,
        out string? error)
        where T : class
    {
        value = null;
        if (utf8.IsEmpty)
        {
            error = "empty payload";
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8, typeInfo);
        }
        catch (JsonException ex)
        {
            // The message carries the JSON path and position ("$.commands[0].code"), which is what a worker author needs.
            error = ex.Message;
            return false;
        }

        if (value is null)
        {
            error = "payload is JSON null, not an object";
            return false;
        }

        error = null;
        return true;
    }
}
