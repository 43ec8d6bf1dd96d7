using Dispatch.Bench.Measurement;
using Dispatch.Bench.Results;

namespace Dispatch.Bench.Scenarios;

/// <summary>The CPU figures every load scenario reports from its measured window.</summary>
public static class CpuMetrics
{
    public const double ClientSaturationCores = 0.9;
    public const double OtherLoadCores = 0.25;
    public const double StealCores = 0.1;

    /// <summary>Below this, the kernel's 10 ms CPU accounting ticks make per-core figures meaningless.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);

    public static void Add(ScenarioResult result, WindowStats stats, long units, string unit)
    {
        if (stats.Elapsed < MinWindow)
        {
            // A run that ended before its window started (the server dropped the load) would otherwise report a few
            // CPU ticks over a few milliseconds as hundreds of cores.
            result.Notes.Add($"The measured window lasted only {stats.Elapsed.TotalMilliseconds:0} ms: no CPU figures.");
            return;
        }

        if (stats.ServerCpuMicroseconds is { } serverCpu)
        {
            result.Add($"server_cpu_us_per_{unit}", $"server CPU per {unit}", units == 0 ? double.NaN : (double)serverCpu / units, "µs");
            if (stats.ServerProcesses > 1 && stats.ServerMainCpuMicroseconds is { } mainCpu)
            {
                // Dispatch: how the CPU splits between the .NET process and its PHP workers.
                result.Add($"server_main_cpu_us_per_{unit}", "  of which the server process itself", units == 0 ? double.NaN : (double)mainCpu / units, "µs")
                    .Add($"server_children_cpu_us_per_{unit}", "  of which its child processes (PHP)", units == 0 ? double.NaN : (double)(serverCpu - mainCpu) / units, "µs");
            }

            result.Add("server_cpu_cores", "server CPU (cores busy)", stats.ServerCores ?? double.NaN, "cores");
        }

        result.Add("client_cpu_cores", "load-client CPU (cores busy)", stats.ClientCores, "cores")
            .Add("other_cpu_cores", "other CPU on the machine (cores busy)", stats.OtherCores, "cores")
            .Add("steal_cores", "  of which hypervisor steal", stats.StealCores, "cores");
        if (stats.StealCores >= StealCores)
        {
            result.Notes.Add($"The hypervisor ran other guests on this machine's CPUs for {stats.StealCores:0.00} cores' worth of the window (steal): the figures are from a slower machine; compare runs with little steal.");
        }

        if (stats.OtherCores - stats.StealCores >= OtherLoadCores)
        {
            result.Notes.Add($"Other processes (or kernel work charged to no process) kept {stats.OtherCores - stats.StealCores:0.00} cores busy during the window: the machine was not quiet.");
        }

        if (stats.ClientCores >= ClientSaturationCores * Environment.ProcessorCount / 2)
        {
            result.Notes.Add($"The load client used {stats.ClientCores:0.00} of {Environment.ProcessorCount} cores: client and server share this machine, so throughput is bounded by both.");
        }
    }
}
