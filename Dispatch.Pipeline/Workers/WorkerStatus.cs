namespace Dispatch.Pipeline.Workers;

/// <summary>One worker slot as seen by the supervisor.</summary>
public sealed record WorkerStatus(int Slot, int? ProcessId, bool Ready, int Restarts, long EventsHandled, int InFlight);
