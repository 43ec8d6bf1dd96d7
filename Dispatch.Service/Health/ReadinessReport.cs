namespace Dispatch.Service.Health;

/// <summary>The body of <c>/readyz</c>.</summary>
internal sealed record ReadinessReport(
    string Status,
    int LiveWorkers,
    int Workers,
    int Connections,
    int Rooms,
    bool ShuttingDown,
    bool CrashLooping,
    IReadOnlyDictionary<string, ReadinessCheck> Checks);
