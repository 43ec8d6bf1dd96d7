using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Service.Admin;

/// <summary>The body of <c>/stats</c>.</summary>
internal sealed record StatsReport(
    long UptimeSeconds,
    int Connections,
    int Rooms,
    long ResidentKb,
    long ManagedHeapKb,
    int OpenHandles,
    int LiveWorkers,
    bool CrashLooping,
    long WorkerRestarts,
    PipelineStats Pipeline,
    IReadOnlyList<WorkerStatus> Workers,
    IReadOnlyList<long> WorkerResidentKb);
