namespace Dispatch.Pipeline.Workers;

/// <summary>One worker slot as seen by the supervisor. <paramref name="Retiring"/>: finishing its work before it is
/// replaced (MaxJobs, MaxMemoryMb or a requested restart).</summary>
public sealed record WorkerStatus(int Slot, int? ProcessId, bool Ready, int Restarts, long EventsHandled, int InFlight, bool Retiring = false);
