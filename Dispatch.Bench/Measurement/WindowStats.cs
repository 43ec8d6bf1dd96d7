namespace Dispatch.Bench.Measurement;

/// <summary>What <see cref="WindowMeter"/> saw over one measured window. Server figures are null when the server
/// process is unknown (a <c>--url</c> target without <c>--server-pid</c>).</summary>
public sealed record WindowStats(
    TimeSpan Elapsed,
    long? ServerCpuMicroseconds,
    long ClientCpuMicroseconds,
    long? ServerRssStartKilobytes,
    long? ServerRssEndKilobytes,
    int ServerProcesses,
    long MachineBusyMicroseconds)
{
    /// <summary>Cores kept busy by everything except the server tree and the load client: other programs, and kernel
    /// work not charged to either (softirq). A high value means the figures are disturbed.</summary>
    public double OtherCores =>
        Math.Max(0, MachineBusyMicroseconds - (ServerCpuMicroseconds ?? 0) - ClientCpuMicroseconds) / (Elapsed.TotalMilliseconds * 1000);

    /// <summary>Time the hypervisor gave this VM's CPUs to other guests while it had work (part of
    /// <see cref="OtherCores"/>): the run measured a slower machine than the one it started on.</summary>
    public long StealMicroseconds { get; init; }

    public double StealCores => StealMicroseconds / (Elapsed.TotalMilliseconds * 1000);

    /// <summary>The server process alone, without its descendants (for Dispatch: the .NET process, not PHP).</summary>
    public long? ServerMainCpuMicroseconds { get; init; }

    public double Seconds => Elapsed.TotalSeconds;

    /// <summary>Server CPU in cores (1.0 = one core busy the whole window).</summary>
    public double? ServerCores => ServerCpuMicroseconds / (Elapsed.TotalMilliseconds * 1000);

    public double ClientCores => ClientCpuMicroseconds / (Elapsed.TotalMilliseconds * 1000);
}
