using System.Net.WebSockets;
using System.Text;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// Every metric family against the real service: scrape, run a known amount of traffic, scrape again, and the deltas
/// must account for it exactly.
/// </summary>
public sealed class MetricsEndToEndTests
{
    private const string Echo = "0123456789";

    private static (string, string) L(string key, string value) => (key, value);

    private static async Task<(WsClient Client, string Welcome)> ConnectAsync(DispatchServer server, string query = "")
    {
        var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome);
    }

    [Fact]
    public async Task KnownTraffic_IsAccountedForExactly()
    {
        const int clients = 3;
        const int messagesEach = 4;
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 2);
        var before = await server.ScrapeMetricsAsync();

        var connected = new List<(WsClient Client, string Welcome)>();
        for (var i = 0; i < clients; i++)
        {
            connected.Add(await ConnectAsync(server));
        }

        foreach (var (client, _) in connected)
        {
            for (var m = 0; m < messagesEach; m++)
            {
                await client.SendTextAsync("echo:" + Echo);
                Assert.Equal(Echo, await client.ReceiveTextAsync());
            }
        }

        // A command the validator rejects (room name above 128 chars); the 'ok' after it is applied.
        var badJoin = "join:" + new string('r', 200);
        await connected[0].Client.SendTextAsync(badJoin);
        Assert.Equal("ok", await connected[0].Client.ReceiveTextAsync());

        // Three closes with three codes: by the client, by the app, by the client with 1000.
        await connected[0].Client.CloseAsync((WebSocketCloseStatus)4001, "client leaves");
        await connected[1].Client.SendTextAsync("close:4002:app closes");
        var (status, _, _) = await connected[1].Client.ReceiveCloseAsync();
        Assert.Equal((WebSocketCloseStatus)4002, status);
        await connected[2].Client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done");

        var after = await MetricsScrape.WaitAsync(server, s =>
            s.Delta(before, "dispatch_connections_closed_total", L("code", "4xxx")) >= 2
            && s.Delta(before, "dispatch_connections_closed_total", L("code", "1000")) >= 1
            && s.Delta(before, "dispatch_pipeline_events_total", L("event", "close"), L("outcome", "applied")) >= clients);
        foreach (var (client, _) in connected)
        {
            await client.DisposeAsync();
        }

        // Connections.
        Assert.Equal(clients, after.Delta(before, "dispatch_connections_opened_total"));
        // 4001 (client) and 4002 (app): application codes share one label, so clients cannot mint series.
        Assert.Equal(2, after.Delta(before, "dispatch_connections_closed_total", L("code", "4xxx")));
        Assert.False(after.Has("dispatch_connections_closed_total", L("code", "4001")));
        Assert.Equal(1, after.Delta(before, "dispatch_connections_closed_total", L("code", "1000")));
        Assert.Equal(clients, after.Sum("dispatch_connections_closed_total") - before.Sum("dispatch_connections_closed_total"));
        Assert.Equal(0, after["dispatch_connections_active"]);

        // Client messages and bytes, both ways.
        var received = (clients * messagesEach) + 2;
        var receivedBytes = (clients * messagesEach * ("echo:" + Echo).Length) + badJoin.Length + "close:4002:app closes".Length;
        Assert.Equal(received, after.Delta(before, "dispatch_client_messages_received_total", L("type", "text")));
        Assert.Equal(receivedBytes, after.Delta(before, "dispatch_client_received_bytes_total", L("type", "text")));
        var sent = clients + (clients * messagesEach) + 1;
        var sentBytes = connected.Sum(static c => Encoding.UTF8.GetByteCount(c.Welcome)) + (clients * messagesEach * Echo.Length) + "ok".Length;
        Assert.Equal(sent, after.Delta(before, "dispatch_client_messages_sent_total", L("type", "text")));
        Assert.Equal(sentBytes, after.Delta(before, "dispatch_client_sent_bytes_total", L("type", "text")));
        Assert.Equal(0, after.Delta(before, "dispatch_client_messages_received_total", L("type", "binary")));

        // Events by type and outcome, and one latency sample of each kind per event.
        Assert.Equal(clients, after.Delta(before, "dispatch_pipeline_events_total", L("event", "open"), L("outcome", "applied")));
        Assert.Equal(received, after.Delta(before, "dispatch_pipeline_events_total", L("event", "message"), L("outcome", "applied")));
        Assert.Equal(clients, after.Delta(before, "dispatch_pipeline_events_total", L("event", "close"), L("outcome", "applied")));
        Assert.Equal(clients + received + clients, after.Sum("dispatch_pipeline_events_total") - before.Sum("dispatch_pipeline_events_total"));
        foreach (var (@event, count) in new[] { ("open", clients), ("message", received), ("close", clients) })
        {
            Assert.Equal(count, after.Delta(before, "dispatch_pipeline_event_queue_wait_seconds_count", L("event", @event)));
            Assert.Equal(count, after.Delta(before, "dispatch_pipeline_event_worker_time_seconds_count", L("event", @event)));
            Assert.Equal(count, after.Delta(before, "dispatch_pipeline_event_duration_seconds_count", L("event", @event)));
            Assert.Equal(count, after.Delta(before, "dispatch_pipeline_event_worker_time_seconds_bucket", L("event", @event), L("le", "+Inf")));
        }

        // Commands: the sends (welcome, echoes, 'ok'), the app's close, the rejected join.
        Assert.Equal(sent, after.Delta(before, "dispatch_commands_applied_total", L("command", "send")));
        Assert.Equal(1, after.Delta(before, "dispatch_commands_applied_total", L("command", "close")));
        Assert.Equal(0, after.Delta(before, "dispatch_commands_applied_total", L("command", "join")));
        Assert.Equal(1, after.Delta(before, "dispatch_commands_rejected_total", L("reason", "room")));
        Assert.Equal(1, after.Sum("dispatch_commands_rejected_total") - before.Sum("dispatch_commands_rejected_total"));
        Assert.Equal(0, after.Sum("dispatch_responses_rejected_total") - before.Sum("dispatch_responses_rejected_total"));

        // No worker trouble in all that.
        Assert.Equal(0, after.Sum("dispatch_workers_restarts_total") - before.Sum("dispatch_workers_restarts_total"));
        Assert.Equal(0, after.Delta(before, "dispatch_connections_slow_consumer_closes_total"));
    }

    [Fact]
    public async Task Gauges_AndRefusedUpgrades_AreExposed()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 2);
        var before = await server.ScrapeMetricsAsync();

        using (var http = new HttpClient())
        {
            var plain = await http.GetAsync(server.WebSocketUri("/ws").ToString().Replace("ws://", "http://", StringComparison.Ordinal));
            Assert.Equal(426, (int)plain.StatusCode);
        }

        Assert.Equal(403, await WsClient.ConnectExpectingStatusAsync(server.WebSocketUri("/ws?reject=1")));
        Assert.Equal(500, await WsClient.ConnectExpectingStatusAsync(server.WebSocketUri("/ws?throw=1")));
        var (client, _) = await ConnectAsync(server, "?room=lobby");
        await using var _c = client;

        var after = await server.ScrapeMetricsAsync();
        Assert.Equal(1, after.Delta(before, "dispatch_connections_refused_total", L("reason", "not_websocket")));
        Assert.Equal(1, after.Delta(before, "dispatch_connections_refused_total", L("reason", "rejected")));
        Assert.Equal(1, after.Delta(before, "dispatch_connections_refused_total", L("reason", "open_failed")));
        Assert.Equal(1, after.Delta(before, "dispatch_connections_opened_total"));
        Assert.Equal(1, after["dispatch_connections_active"]);
        Assert.Equal(1, after.Delta(before, "dispatch_pipeline_events_total", L("event", "open"), L("outcome", "worker_runtime_error")));

        Assert.Equal(2, after["dispatch_workers_live"]);
        Assert.Equal(0, after["dispatch_workers_busy"]);
        Assert.True(after.Has("dispatch_workers_in_flight", L("slot", "0")));
        Assert.True(after.Has("dispatch_workers_in_flight", L("slot", "1")));
        Assert.Equal(0, after["dispatch_pipeline_dispatch_queue_depth"]);
        Assert.True(after.Has("dispatch_pipeline_apply_queue_depth"));
        Assert.Equal(1, after["dispatch_pipeline_lanes"]);
        Assert.Equal(1, after["dispatch_rooms_active"]);
        Assert.True(after.Has("dispatch_connections_send_queue_frames"));
        Assert.Contains("# TYPE dispatch_pipeline_event_queue_wait_seconds histogram", after.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dispatch_connections_opened_total counter", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowConsumer_CountedOnceAsA1008Close()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:WebSocket:SendQueueCapacity"] = "4",
            ["Dispatch:WebSocket:CloseTimeout"] = "00:00:02",
        });
        var room = "slow-" + Guid.NewGuid().ToString("N");
        var (slow, _) = await ConnectAsync(server, $"?room={room}");
        var (publisher, _) = await ConnectAsync(server);
        await using var _s = slow;
        await using var _p = publisher;
        var before = await server.ScrapeMetricsAsync();

        // The slow client never reads; big broadcasts fill its socket buffers, then its 4-frame queue.
        var closedSlow = false;
        for (var i = 0; i < 1000 && !closedSlow; i++)
        {
            await publisher.SendTextAsync($"bigcast:{room}:262144");
            Assert.Equal("ok", await publisher.ReceiveTextAsync());
            closedSlow = (await server.ScrapeMetricsAsync()).Delta(before, "dispatch_connections_slow_consumer_closes_total") > 0;
        }

        var after = await MetricsScrape.WaitAsync(server, s => s.Delta(before, "dispatch_connections_closed_total", L("code", "1008")) >= 1);
        Assert.Equal(1, after.Delta(before, "dispatch_connections_slow_consumer_closes_total"));
        Assert.Equal(1, after.Delta(before, "dispatch_connections_closed_total", L("code", "1008")));
        Assert.Equal(1, after["dispatch_connections_active"]);
    }

    [Fact]
    public async Task WorkerCrash_CountsOneRestart_AndTheFailedEvent()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 1);
        var (client, _) = await ConnectAsync(server);
        await using var _c = client;
        var before = await server.ScrapeMetricsAsync();

        await client.SendTextAsync("die");
        Assert.Contains("worker_crashed", await client.ReceiveTextAsync(), StringComparison.Ordinal);

        var after = await MetricsScrape.WaitAsync(server, s => s.Delta(before, "dispatch_workers_restarts_total", L("reason", "crash")) >= 1 && s["dispatch_workers_live"] == 1);
        Assert.Equal(1, after.Delta(before, "dispatch_workers_restarts_total", L("reason", "crash")));
        Assert.Equal(0, after.Delta(before, "dispatch_workers_restarts_total", L("reason", "recycle")));
        Assert.Equal(1, after.Delta(before, "dispatch_pipeline_events_total", L("event", "message"), L("outcome", "worker_crashed")));
        Assert.Equal(1, after["dispatch_workers_live"]);

        await client.SendTextAsync("echo:after");
        Assert.Equal("after", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task MaxJobs_CountsOneRecycle()
    {
        const int maxJobs = 5;
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:Workers:MaxJobs"] = maxJobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var before = await server.ScrapeMetricsAsync();

        // The open is the first job; four messages make five.
        var (client, _) = await ConnectAsync(server);
        await using var _c = client;
        for (var i = 1; i < maxJobs; i++)
        {
            await client.SendTextAsync("echo:" + i);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), await client.ReceiveTextAsync());
        }

        var after = await MetricsScrape.WaitAsync(server, s => s.Delta(before, "dispatch_workers_restarts_total", L("reason", "recycle")) >= 1);
        Assert.Equal(1, after.Delta(before, "dispatch_workers_recycled_total", L("reason", "max_jobs")));
        Assert.Equal(0, after.Delta(before, "dispatch_workers_recycled_total", L("reason", "memory")));
        Assert.Equal(1, after.Delta(before, "dispatch_workers_restarts_total", L("reason", "recycle")));
        Assert.Equal(0, after.Delta(before, "dispatch_workers_restarts_total", L("reason", "crash")));
    }
}
