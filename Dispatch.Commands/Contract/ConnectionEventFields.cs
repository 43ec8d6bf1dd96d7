using System.Text.Json;

namespace Dispatch.Commands.Contract;

/// <summary>
/// The fields of a connection's events that never change (CONTRACT 4.1: id, path, query, headers, remote address,
/// request and trace ids), each serialized once into the JSON value the contract serializer writes for it, so that
/// each message event copies them instead of encoding the header and query dictionaries again. Serialized rather than
/// <see cref="JsonEncodedText"/>-encoded: the serializer replaces a lone surrogate with U+FFFD where encoding would
/// throw, and the bytes must stay the serializer's.
/// </summary>
public sealed class ConnectionEventFields
{
    private ConnectionEventFields(byte[] id, byte[] path, byte[] query, byte[] headers, byte[] remoteAddr, byte[] requestId, byte[] traceId)
    {
        Id = id;
        Path = path;
        Query = query;
        Headers = headers;
        RemoteAddr = remoteAddr;
        RequestId = requestId;
        TraceId = traceId;
    }

    public byte[] Id { get; }

    public byte[] Path { get; }

    public byte[] Query { get; }

    public byte[] Headers { get; }

    public byte[] RemoteAddr { get; }

    public byte[] RequestId { get; }

    public byte[] TraceId { get; }

    public static ConnectionEventFields Create(
        string id,
        string path,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> headers,
        string remoteAddr,
        string requestId,
        string traceId)
    {
        var text = ContractJsonContext.Default.String;
        var dictionary = ContractJsonContext.Default.IReadOnlyDictionaryStringString;
        return new ConnectionEventFields(
            JsonSerializer.SerializeToUtf8Bytes(id, text),
            JsonSerializer.SerializeToUtf8Bytes(path, text),
            JsonSerializer.SerializeToUtf8Bytes(query, dictionary),
            JsonSerializer.SerializeToUtf8Bytes(headers, dictionary),
            JsonSerializer.SerializeToUtf8Bytes(remoteAddr, text),
            JsonSerializer.SerializeToUtf8Bytes(requestId, text),
            JsonSerializer.SerializeToUtf8Bytes(traceId, text));
    }
}
