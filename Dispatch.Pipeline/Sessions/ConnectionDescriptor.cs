namespace Dispatch.Pipeline.Sessions;

/// <summary>The facts of an upgrade request that every event of the connection carries (CONTRACT 4.1).</summary>
public sealed record ConnectionDescriptor(
    string Id,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string RemoteAddr,
    string RequestId,
    string TraceId,
    long ConnectedAtUnixMs);
