using System.Diagnostics;
using System.Net.WebSockets;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Results;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>
/// A connect storm: C loops each open a websocket (for Dispatch: upgrade, open event to PHP, accept), close it with
/// the closing handshake (close event to PHP), and start over, for D seconds. Reports completed open+close cycles/s,
/// connect latency and failures.
/// </summary>
public sealed class ConnectScenario : IScenario
{
    /// <summary>Every cycle leaves a socket in TIME_WAIT on one side; several source addresses keep the client's
    /// ephemeral ports from running out during a long storm.</summary>
    private const int MinimumSourceAddresses = 4;

    public string Name => "connect";

    public BenchApp App => BenchApp.Echo;

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var progress = context.Progress;
        var result = new ScenarioResult(Name, context.TargetName);
        using var clients = new Client.WebSocketClientFactory(
            context.Target.WebSocketUrl,
            settings.SourceAddresses > 0 ? settings.SourceAddresses : MinimumSourceAddresses);

        var histogram = new LatencyHistogram();
        long cycles = 0;
        long failures = 0;
        var measuring = false;
        var stopAt = long.MaxValue;
        var limit = settings.MaxMessages;

        async Task LoopAsync()
        {
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt) && Interlocked.Read(ref cycles) < limit && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var socket = await clients.ConnectAsync(null, settings.OperationTimeout, cancellationToken);
                    var connected = Stopwatch.GetTimestamp();
                    progress.AddConnected();
                    using var timeout = new CancellationTokenSource(settings.OperationTimeout);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                    if (Volatile.Read(ref measuring))
                    {
                        histogram.RecordTicks(connected - started);
                        Interlocked.Increment(ref cycles);
                    }
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException or IOException)
                {
                    if (Volatile.Read(ref measuring) && !cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failures);
                        progress.AddError();
                    }
                }
            }
        }

        progress.Phase = "warm-up";
        Volatile.Write(ref stopAt, Stopwatch.GetTimestamp() + (long)((settings.Warmup + settings.Duration).TotalSeconds * Stopwatch.Frequency));
        var loops = Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => Task.Run(LoopAsync, CancellationToken.None)).ToArray();
        await Task.Delay(settings.Warmup, cancellationToken);

        progress.Phase = $"storm, {settings.Concurrency} concurrent";
        context.Meter.Start();
        Volatile.Write(ref measuring, true);
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(settings.Duration, cancellationToken));
        var measuredCycles = Interlocked.Read(ref cycles);
        var measuredFailures = Interlocked.Read(ref failures);
        var stats = context.Meter.Stop();
        Volatile.Write(ref measuring, false);
        Volatile.Write(ref stopAt, 0);

        progress.Phase = "finishing";
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(settings.OperationTimeout * 2, CancellationToken.None));

        result.Add("connects_per_sec", "connects/s (open + close)", measuredCycles / stats.Seconds, "conn/s", higherIsBetter: true)
            .Add("connect_p50_ms", "connect latency p50", histogram.Percentile(50) / 1000, "ms")
            .Add("connect_p99_ms", "connect latency p99", histogram.Percentile(99) / 1000, "ms")
            .Add("failures", "failures", measuredFailures, "");
        CpuMetrics.Add(result, stats, measuredCycles, "connect");
        return result;
    }
}
