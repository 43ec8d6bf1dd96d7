namespace Dispatch.Pipeline.Workers;

/// <summary>Which worker slot to start, and the unix socket path it must listen on.</summary>
public sealed record WorkerLaunchRequest(int Slot, string SocketPath);
