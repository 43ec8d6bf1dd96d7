using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// The fields of a connection's events that never change (CONTRACT 4.1: id, path, query, headers, remote address,
/// request and trace ids), escaped once into their JSON form so that each message event copies them instead of
/// encoding the header and query dictionaries again.
/// </summary>
public sealed class ConnectionEventFields
{
    private ConnectionEventFields(
        JsonEncodedText id,
        JsonEncodedText path,
        byte[] queryJson,
        byte[] headersJson,
        JsonEncodedText remoteAddr,
        JsonEncodedText requestId,
        JsonEncodedText traceId)
    {
        Id = id;
        Path = path;
        QueryJson = queryJson;
        HeadersJson = headersJson;
        RemoteAddr = remoteAddr;
        RequestId = requestId;
        TraceId = traceId;
    }

    public JsonEncodedText Id { get; }

    public JsonEncodedText Path { get; }

    /// <summary>The query object as the contract serializer writes it.</summary>
    public byte[] QueryJson { get; }

    /// <summary>The headers object as the contract serializer writes it.</summary>
    public byte[] HeadersJson { get; }

    public JsonEncodedText RemoteAddr { get; }

    public JsonEncodedText RequestId { get; }

    public JsonEncodedText TraceId { get; }

    public static ConnectionEventFields Create(
        string id,
        string path,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> headers,
        string remoteAddr,
        string requestId,
        string traceId)
    {
        var encoder = ContractJsonContext.Default.Options.Encoder;
        var dictionary = ContractJsonContext.Default.IReadOnlyDictionaryStringString;
        return new ConnectionEventFields(
            JsonEncodedText.Encode(id, encoder),
            JsonEncodedText.Encode(path, encoder),
            JsonSerializer.SerializeToUtf8Bytes(query, dictionary),
            JsonSerializer.SerializeToUtf8Bytes(headers, dictionary),
            JsonEncodedText.Encode(remoteAddr, encoder),
            JsonEncodedText.Encode(requestId, encoder),
            JsonEncodedText.Encode(traceId, encoder));
    }
}
