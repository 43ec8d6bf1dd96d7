using System.Diagnostics;
using System.Net.WebSockets;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Results;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>
/// N connections in a closed loop: each sends one message, waits for the echo, and repeats. After the warm-up, the
/// measured window counts round trips and their latency; the server's CPU is sampled at both ends of the window.
/// </summary>
public sealed class EchoScenario : IScenario
{
    private const int Warmup = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    public string Name => "echo";

    public BenchApp App => BenchApp.Echo;

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var progress = context.Progress;
        var result = new ScenarioResult(Name, context.TargetName);
        using var clients = context.CreateClients(settings.Connections);

        progress.Phase = $"connecting {settings.Connections}";
        long connectFailures = 0;
        var sockets = await Connections.OpenAsync(
            clients, settings.Connections, Math.Min(settings.Connections, 64), _ => null, settings.OperationTimeout,
            () => progress.AddConnected(), _ => { Interlocked.Increment(ref connectFailures); progress.AddError(); }, cancellationToken);

        var histogram = new LatencyHistogram();
        long roundTrips = 0;
        long errors = 0;
        long mismatched = 0;
        var phase = Warmup;
        var payload = Payloads.Echo(settings.MessageSize);
        var limit = settings.MaxMessages;

        async Task LoopAsync(ClientWebSocket socket)
        {
            var buffer = new byte[Math.Max(4096, payload.Length * 2)];
            try
            {
                while (Volatile.Read(ref phase) != Stopping && Interlocked.Read(ref roundTrips) < limit)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(settings.OperationTimeout);
                    var started = Stopwatch.GetTimestamp();
                    await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
                    progress.AddSent();
                    var length = 0;
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                        length += received.Count;
                    }
                    while (!received.EndOfMessage && length < buffer.Length && received.MessageType != WebSocketMessageType.Close);

                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        Interlocked.Increment(ref errors);
                        progress.AddError();
                        return;
                    }

                    var elapsed = Stopwatch.GetTimestamp() - started;
                    progress.AddReceived();
                    if (!buffer.AsSpan(0, length).SequenceEqual(payload))
                    {
                        // An error frame or a foreign message instead of the echo.
                        Interlocked.Increment(ref mismatched);
                        progress.AddError();
                        continue;
                    }

                    if (Volatile.Read(ref phase) == Measuring)
                    {
                        histogram.RecordTicks(elapsed);
                        Interlocked.Increment(ref roundTrips);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                if (Volatile.Read(ref phase) != Stopping)
                {
                    Interlocked.Increment(ref errors);
                    progress.AddError();
                }
            }
        }

        var open = sockets.OfType<ClientWebSocket>().ToArray();
        progress.Phase = "warm-up";
        var loops = open.Select(s => Task.Run(() => LoopAsync(s), CancellationToken.None)).ToArray();
        await Task.Delay(settings.Warmup, cancellationToken);

        progress.Phase = "measuring";
        context.Meter.Start();
        Volatile.Write(ref phase, Measuring);
        await Task.WhenAny(Task.Delay(settings.Duration, cancellationToken), Task.WhenAll(loops));
        var measuredTrips = Interlocked.Read(ref roundTrips);
        var stats = context.Meter.Stop();
        Volatile.Write(ref phase, Stopping);

        progress.Phase = "closing";
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(settings.OperationTimeout + TimeSpan.FromSeconds(1), CancellationToken.None));
        await Connections.CloseAllAsync(sockets, 64, TimeSpan.FromSeconds(2));

        result.Add("connections", "connections open", open.Length, "", higherIsBetter: true)
            .Add("msgs_per_sec", "messages/s (round trips)", measuredTrips / stats.Seconds, "msg/s", higherIsBetter: true)
            .Add("p50_ms", "latency p50", histogram.Percentile(50) / 1000, "ms")
            .Add("p99_ms", "latency p99", histogram.Percentile(99) / 1000, "ms")
            .Add("p999_ms", "latency p99.9", histogram.Percentile(99.9) / 1000, "ms")
            .Add("max_ms", "latency max", histogram.MaxMicroseconds / 1000.0, "ms")
            .Add("errors", "errors (connect + loop + wrong reply)", connectFailures + errors + mismatched, "");
        CpuMetrics.Add(result, stats, measuredTrips, "msg");
        return result;
    }
}
