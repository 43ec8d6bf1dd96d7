namespace Dispatch.Commands.Hub;

/// <summary>The reserved, Dispatch-owned facts of a connection (CONTRACT 4.3: attrs can never overwrite them).</summary>
public sealed record ConnectionInfo(string Id, string Path, string RemoteAddr, long ConnectedAtUnixMs);
