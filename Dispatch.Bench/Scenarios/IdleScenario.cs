using System.Net.WebSockets;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Results;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>
/// Holds N idle connections. Reads the server's resident memory (VmRSS; for Dispatch plus its PHP workers) before the
/// first connection and after all are open and have settled, and reports KB per connection. Each idle client keeps a
/// receive pending (one shared buffer) so that the server's pings are answered and nothing times out.
/// </summary>
public sealed class IdleScenario : IScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public string Name => "idle";

    public BenchApp App => BenchApp.Echo;

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var progress = context.Progress;
        var result = new ScenarioResult(Name, context.TargetName);
        CheckDescriptorLimit(settings.Connections, result);
        using var clients = context.CreateClients(settings.Connections);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        progress.Phase = "settling";
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var before = context.Meter.SampleServer();

        progress.Phase = $"opening {settings.Connections}";
        var rampStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        long failures = 0;
        long dropped = 0;
        var shared = new byte[1024];
        var holders = new List<Task>(settings.Connections);
        var holdersLock = new Lock();

        async Task HoldAsync(ClientWebSocket socket)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var message = await socket.ReceiveAsync(shared.AsMemory(), stop.Token);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        Interlocked.Increment(ref dropped);
                        progress.AddError();
                        return;
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                if (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref dropped);
                    progress.AddError();
                }
            }
        }

        var sockets = await Connections.OpenAsync(
            clients, settings.Connections, Math.Max(1, settings.Concurrency), _ => null, settings.OperationTimeout,
            () => progress.AddConnected(),
            _ => { Interlocked.Increment(ref failures); progress.AddError(); },
            cancellationToken);
        var rampSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(rampStarted).TotalSeconds;
        foreach (var socket in sockets.OfType<ClientWebSocket>())
        {
            lock (holdersLock)
            {
                holders.Add(HoldAsync(socket));
            }
        }

        var open = holders.Count;
        progress.Phase = $"holding {open}";
        context.Meter.Start();
        await Task.Delay(Settle + settings.Duration, cancellationToken);
        var stats = context.Meter.Stop();
        var after = context.Meter.SampleServer();
        var stillOpen = sockets.Count(s => s is { State: WebSocketState.Open });

        progress.Phase = "closing";
        await stop.CancelAsync();
        await Task.WhenAll(holders);
        await Connections.CloseAllAsync(sockets, 256, TimeSpan.FromSeconds(2));

        result.Add("connections", "connections opened", open, "", higherIsBetter: true)
            .Add("still_open", "still open after the hold", stillOpen, "", higherIsBetter: true)
            .Add("failures", "failed opens", failures, "")
            .Add("dropped", "dropped during the hold", Interlocked.Read(ref dropped), "")
            .Add("ramp_connects_per_sec", "ramp-up connects/s", open / rampSeconds, "conn/s", higherIsBetter: true);
        if (context.Meter.MeasuresServer)
        {
            result.Add("rss_before_mb", "server RSS before", before.RssKilobytes / 1024.0, "MB")
                .Add("rss_after_mb", "server RSS with connections", after.RssKilobytes / 1024.0, "MB")
                .Add("kb_per_conn", "server memory per connection", open == 0 ? double.NaN : (after.RssKilobytes - before.RssKilobytes) / (double)open, "KB")
                .Add("server_processes", "server processes summed", after.Processes, "");
            if (stats.ServerCores is { } cores)
            {
                result.Add("server_cpu_cores", "server CPU while idle (cores busy)", cores, "cores");
            }
        }

        return result;
    }

    private static void CheckDescriptorLimit(int connections, ScenarioResult result)
    {
        // The client holds one descriptor per connection and so does the server; the soft limit is raised to the
        // hard limit by the .NET runtime at start-up, so the hard limit is what counts.
        if (Environment.GetEnvironmentVariable("BENCH_SKIP_FD_CHECK") is not null || !File.Exists("/proc/self/limits"))
        {
            return;
        }

        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 5 && long.TryParse(parts[3], out var soft) && soft < connections + 1000)
                {
                    result.Notes.Add($"The open-file limit is {soft}: at most about {soft - 1000} connections can be held (raise it with ulimit -n, as root: ulimit -Hn).");
                }
            }
        }
    }
}
