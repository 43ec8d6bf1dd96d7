using System.Diagnostics;
using System.Net.WebSockets;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Results;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>
/// S subscribers (<c>?role=sub</c>) in room "bench" and one publisher sending R messages/s (open loop) for D seconds,
/// each message stamped with its sequence number and send time. Subscribers measure delivery latency; after the
/// publisher stops, deliveries still in flight get <see cref="ScenarioSettings.Drain"/> to arrive, then
/// lost = expected − received.
/// </summary>
public sealed class BroadcastScenario : IScenario
{
    public string Name => "broadcast";

    public BenchApp App => BenchApp.Broadcast;

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var progress = context.Progress;
        var result = new ScenarioResult(Name, context.TargetName);
        using var clients = context.CreateClients(settings.Subscribers + 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        progress.Phase = $"connecting {settings.Subscribers} subscribers";
        long connectFailures = 0;
        var subscribers = await Connections.OpenAsync(
            clients, settings.Subscribers, 64, _ => "role=sub", settings.OperationTimeout,
            () => progress.AddConnected(), _ => { Interlocked.Increment(ref connectFailures); progress.AddError(); }, cancellationToken);
        ClientWebSocket publisher;
        try
        {
            publisher = await clients.ConnectAsync("role=pub", settings.OperationTimeout, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            await Connections.CloseAllAsync(subscribers, 64, TimeSpan.FromSeconds(2));
            throw new BenchSetupException($"broadcast: the publisher could not connect: {e.Message}", e);
        }

        var open = subscribers.OfType<ClientWebSocket>().ToArray();
        var histogram = new LatencyHistogram();
        long received = 0;
        long receiveErrors = 0;
        long acks = 0;
        long lastDeliveryAt = 0;
        var receivers = open.Select(s => Task.Run(() => ReceiveAsync(s), CancellationToken.None)).ToArray();
        var ackReader = Task.Run(() => ReadAcksAsync(publisher), CancellationToken.None);

        async Task ReceiveAsync(ClientWebSocket socket)
        {
            var buffer = new byte[4096];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var message = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        Interlocked.Increment(ref receiveErrors);
                        progress.AddError();
                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
                    if (Payloads.TryReadPublish(buffer.AsSpan(0, message.Count), out var sentAt))
                    {
                        histogram.RecordTicks(now - sentAt);
                        Interlocked.Increment(ref received);
                        Interlocked.Exchange(ref lastDeliveryAt, now);
                        progress.AddReceived();
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                if (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref receiveErrors);
                    progress.AddError();
                }
            }
        }

        async Task ReadAcksAsync(ClientWebSocket socket)
        {
            var buffer = new byte[4096];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var message = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    Interlocked.Increment(ref acks);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Counted through the missing acks.
            }
        }

        // Give the last joins time to be applied (an open's commands are applied once the socket is accepted).
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);

        progress.Phase = "warm-up";
        var payload = Payloads.Publish(settings.MessageSize);
        long publishErrors = 0;
        await PublishAsync(publisher, payload, settings.Rate, settings.Warmup, measured: false, long.MaxValue, () => publishErrors++, cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        var ackBaseline = Interlocked.Read(ref acks);

        progress.Phase = $"publishing {settings.Rate:0}/s";
        Interlocked.Exchange(ref received, 0);
        context.Meter.Start();
        var publishStarted = Stopwatch.GetTimestamp();
        var sent = await PublishAsync(publisher, payload, settings.Rate, settings.Duration, measured: true, settings.MaxMessages, () => publishErrors++, cancellationToken);
        var publishSeconds = Stopwatch.GetElapsedTime(publishStarted).TotalSeconds;
        var expected = sent * open.Length;

        progress.Phase = "draining";
        var drainStarted = Stopwatch.GetTimestamp();
        while (Interlocked.Read(ref received) < expected && Stopwatch.GetElapsedTime(drainStarted) < settings.Drain)
        {
            await Task.Delay(20, cancellationToken);
        }

        // Deliveries/s counts from the first publish to the last delivery, so the drain wait does not dilute it.
        var lastDelivery = Math.Max(publishSeconds, (Interlocked.Read(ref lastDeliveryAt) - publishStarted) / (double)Stopwatch.Frequency);
        var stats = context.Meter.Stop();
        var deliveries = Interlocked.Read(ref received);
        var ackCount = Interlocked.Read(ref acks) - ackBaseline;

        progress.Phase = "closing";
        await stop.CancelAsync();
        await Task.WhenAll(receivers.Append(ackReader));
        await Connections.CloseAllAsync([.. subscribers, publisher], 64, TimeSpan.FromSeconds(2));

        result.Add("subscribers", "subscribers", open.Length, "", higherIsBetter: true)
            .Add("publish_rate", "publishes/s achieved", sent / publishSeconds, "msg/s", higherIsBetter: true)
            .Add("deliveries_per_sec", "deliveries/s", deliveries / lastDelivery, "msg/s", higherIsBetter: true)
            .Add("p50_ms", "delivery latency p50", histogram.Percentile(50) / 1000, "ms")
            .Add("p99_ms", "delivery latency p99", histogram.Percentile(99) / 1000, "ms")
            .Add("max_ms", "delivery latency max", histogram.MaxMicroseconds / 1000.0, "ms")
            .Add("lost", "lost (expected − received)", expected - deliveries, "")
            .Add("acks_missing", "acks missing", Math.Max(0, sent - ackCount), "")
            .Add("errors", "errors (connect + receive + publish)", connectFailures + receiveErrors + publishErrors, "");
        CpuMetrics.Add(result, stats, deliveries, "delivery");
        if (sent == 0 && publishErrors > 0)
        {
            result.Notes.Add("The publisher's socket failed before the measured window (the server closed or aborted it): nothing was published, so nothing was measured.");
        }
        else if (sent < settings.Rate * settings.Duration.TotalSeconds * 0.98 && sent < settings.MaxMessages)
        {
            result.Notes.Add($"The publisher sent {sent} of {settings.Rate * settings.Duration.TotalSeconds:0} messages: the server did not take them as fast as asked (back-pressure).");
        }

        return result;
    }

    /// <summary>Sends at <paramref name="rate"/>/s for <paramref name="duration"/>, catching up after a slow send (open
    /// loop); a send blocked by back-pressure shows as a lower achieved rate. Returns the number sent.</summary>
    private static async Task<long> PublishAsync(
        ClientWebSocket publisher, byte[] payload, double rate, TimeSpan duration, bool measured, long limit, Action onError, CancellationToken cancellationToken)
    {
        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        var deadline = duration.TotalSeconds;
        try
        {
            while (sent < limit)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (elapsed >= deadline)
                {
                    break;
                }

                var due = Math.Min((long)(elapsed * rate) + 1, limit);
                while (sent < due)
                {
                    Payloads.StampPublish(payload, measured, sent, Stopwatch.GetTimestamp());
                    await publisher.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    sent++;
                }

                await Task.Delay(1, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            onError();
        }

        return sent;
    }
}
