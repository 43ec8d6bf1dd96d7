namespace Dispatch.Pipeline.Workers;

/// <summary>Why a worker was retired: metric tag values, a closed set.</summary>
internal static class RetireReasons
{
    public const string MaxJobs = "max_jobs";
    public const string Memory = "memory";

    /// <summary>An operator asked for it (the server API's worker restart).</summary>
    public const string Requested = "requested";
}
