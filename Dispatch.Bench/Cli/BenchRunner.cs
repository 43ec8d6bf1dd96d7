using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Progress;
using Dispatch.Bench.Results;
using Dispatch.Bench.Scenarios;
using Dispatch.Bench.Targets;
using Spectre.Console;

namespace Dispatch.Bench.Cli;

/// <summary>Runs a scenario against one target (or baseline then Dispatch with <c>--compare</c>), <c>--runs</c> times
/// each with a fresh server, and prints and saves the medians.</summary>
public static class BenchRunner
{
    private const double QuietBusyCores = 0.3;

    /// <summary>How many times one run is repeated at most because of steal.</summary>
    public const int StealRetries = 3;

    public static async Task<int> RunAsync(IScenario scenario, RunOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var kinds = options.Compare ? [TargetKind.Baseline, TargetKind.Dispatch] : new[] { options.Target.Kind };
        var medians = new List<ScenarioResult>();
        var allRuns = new List<IReadOnlyList<ScenarioResult>>();
        try
        {
            // Runs alternate between the targets (baseline, Dispatch, baseline, ...), so that each pair shares the
            // machine's speed of that minute: on a shared VM it drifts by more than the differences being measured.
            var runsByKind = kinds.Select(_ => new List<ScenarioResult>()).ToArray();
            for (var run = 1; run <= Math.Max(1, options.Runs); run++)
            {
                for (var k = 0; k < kinds.Length; k++)
                {
                    var kind = kinds[k];
                    var title = $"{scenario.Name} → {kind.ToString().ToLowerInvariant()}" + (options.Runs > 1 ? $" (run {run}/{options.Runs})" : "");
                    runsByKind[k].Add(await RunUnstolenAsync(scenario, options with { Target = options.Target with { Kind = kind } }, title, cancellationToken));
                }
            }

            foreach (var runs in runsByKind)
            {
                allRuns.Add(runs);
                medians.Add(ScenarioResult.Median(runs));
            }
        }
        catch (BenchSetupException e)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 2;
        }

        ResultsTable.Print(scenario.Name, medians);
        if (options.JsonPath is { } path)
        {
            var report = BuildReport(scenario, options, startedAt, medians, allRuns);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport), cancellationToken);
            AnsiConsole.MarkupLine($"[grey]results written to {Markup.Escape(path)}[/]");
        }

        return 0;
    }

    /// <summary>
    /// Runs once, and again while the hypervisor stole more than <c>--max-steal</c> cores of the window (a shared VM
    /// whose neighbours woke up: that run measured a slower machine). The last attempt is kept either way, with a note
    /// saying what was discarded.
    /// </summary>
    private static async Task<ScenarioResult> RunUnstolenAsync(IScenario scenario, RunOptions options, string title, CancellationToken cancellationToken)
    {
        var result = await RunOnceAsync(scenario, options, title, cancellationToken);
        var discarded = new List<double>();
        while (options.MaxSteal > 0 && result.Find("steal_cores")?.Value is { } steal && steal > options.MaxSteal && discarded.Count < StealRetries)
        {
            discarded.Add(steal);
            result = await RunOnceAsync(scenario, options, $"{title}, again after {steal:0.00} cores of steal", cancellationToken);
        }

        if (discarded.Count > 0)
        {
            result.Notes.Add($"Ran {discarded.Count} more time(s): the hypervisor stole {string.Join(", ", discarded.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))} cores in the discarded attempt(s) (--max-steal {options.MaxSteal.ToString(CultureInfo.InvariantCulture)}).");
        }

        return result;
    }

    private static async Task<ScenarioResult> RunOnceAsync(IScenario scenario, RunOptions options, string title, CancellationToken cancellationToken)
    {
        var state = new ProgressState { Phase = "starting the server" };
        return await ProgressDisplay.RunAsync(title, state, options.ShowProgress && ProgressDisplay.CanShow, async () =>
        {
            var busyBefore = await QuietMachine.WaitAsync(
                QuietBusyCores, options.WaitQuiet, busy => state.Phase = $"waiting for a quiet machine ({busy:0.00} cores busy)", cancellationToken);
            await using var target = await TargetLauncher.StartAsync(options.Target, scenario.App, cancellationToken);
            var context = new ScenarioContext(target, options.Settings, state);
            var result = await scenario.RunAsync(context, cancellationToken);
            if (options.WaitQuiet > TimeSpan.Zero && busyBefore > QuietBusyCores)
            {
                result.Notes.Add($"The machine was still busy ({busyBefore:0.00} cores) when --wait-quiet ran out.");
            }

            if (target.HasExited)
            {
                result.Notes.Add("The server exited during the run. Its last output:" + Environment.NewLine + target.RecentOutput);
            }

            return result;
        });
    }

    private static BenchReport BuildReport(
        IScenario scenario, RunOptions options, DateTimeOffset startedAt, List<ScenarioResult> medians, List<IReadOnlyList<ScenarioResult>> allRuns)
    {
        var s = options.Settings;
        var invariant = CultureInfo.InvariantCulture;
        return new BenchReport
        {
            Scenario = scenario.Name,
            StartedAt = startedAt,
            Machine = new()
            {
                ["cores"] = Environment.ProcessorCount.ToString(invariant),
                ["os"] = RuntimeInformation.OSDescription,
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["cpu"] = CpuModel(),
            },
            Settings = new()
            {
                ["target"] = options.Compare ? "compare" : options.Target.Kind.ToString().ToLowerInvariant(),
                ["workers"] = options.Target.Workers.ToString(invariant),
                ["connections"] = s.Connections.ToString(invariant),
                ["duration_s"] = s.Duration.TotalSeconds.ToString(invariant),
                ["warmup_s"] = s.Warmup.TotalSeconds.ToString(invariant),
                ["message_size"] = s.MessageSize.ToString(invariant),
                ["subscribers"] = s.Subscribers.ToString(invariant),
                ["rate"] = s.Rate.ToString(invariant),
                ["concurrency"] = s.Concurrency.ToString(invariant),
                ["runs"] = options.Runs.ToString(invariant),
                ["server_env"] = string.Join(' ', options.Target.ServerEnvironment),
                ["wait_quiet_s"] = options.WaitQuiet.TotalSeconds.ToString(invariant),
                ["max_steal_cores"] = options.MaxSteal.ToString(invariant),
            },
            Results = medians.Select((m, i) => new TargetReport
            {
                Target = m.Target,
                Runs = allRuns[i].Count,
                Metrics = m.Metrics.ToDictionary(x => x.Key, x => x.Value),
                Units = m.Metrics.ToDictionary(x => x.Key, x => x.Unit),
                EachRun = allRuns[i].Select(r => r.Metrics.ToDictionary(x => x.Key, x => x.Value)).ToList(),
                Notes = m.Notes,
            }).ToList(),
            Ratios = ResultsTable.Ratios(medians),
        };
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
