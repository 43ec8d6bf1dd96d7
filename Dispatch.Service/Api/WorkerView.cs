namespace Dispatch.Service.Api;

/// <summary>One worker slot: <paramref name="State"/> is <c>ready</c>, <c>retiring</c> (finishing its events before a
/// replacement), <c>stopping</c> (lost, being replaced) or <c>starting</c> (no process yet).</summary>
internal sealed record WorkerView(int Index, int? Pid, string State, long EventsServed, int Restarts, long RssKb);
