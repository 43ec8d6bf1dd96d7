using System.Text.Json;

namespace Dispatch.Tests.EndToEnd;

/// <summary><c>/readyz</c> tells a load balancer the truth: ready with live workers, not ready in a crash loop.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_WithLiveWorkers_Is200_AndACrashLoopMakesIt503()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:Workers:CrashLoopThreshold"] = "3",
            ["Dispatch:Workers:CrashLoopWindow"] = "00:01:00",
            ["Dispatch:Workers:RestartBackoff"] = "00:00:00.050",
            ["Dispatch:Workers:RestartBackoffMax"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(200, (int)ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(1, body.RootElement.GetProperty("live_workers").GetInt32());
            Assert.False(body.RootElement.GetProperty("crash_looping").GetBoolean());
            Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("workers").GetProperty("status").GetString());
            Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("draining").GetProperty("status").GetString());
        }

        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        await client.ReceiveTextAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.SendTextAsync("die");
            using var error = JsonDocument.Parse(await client.ReceiveTextAsync());
            Assert.Equal("worker_crashed", error.RootElement.GetProperty("error_class").GetString());
        }

        using var looping = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(503, (int)looping.StatusCode);
        using var loopingBody = JsonDocument.Parse(await looping.Content.ReadAsStringAsync());
        Assert.True(loopingBody.RootElement.GetProperty("crash_looping").GetBoolean());
        Assert.Equal("not_ready", loopingBody.RootElement.GetProperty("status").GetString());
        var workers = loopingBody.RootElement.GetProperty("checks").GetProperty("workers");
        Assert.Equal("unhealthy", workers.GetProperty("status").GetString());
        Assert.Contains("crash-looping", workers.GetProperty("description").GetString(), StringComparison.Ordinal);

        // Liveness runs no check: a crash-looping pool is not a reason to restart the gateway process.
        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal("ok\n", await live.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stats_ReportConnectionsQueuesWorkersAndMemory()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 2);
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws?room=stats"));
        await client.ReceiveTextAsync();
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/stats", UriKind.Relative)));
        var root = stats.RootElement;
        Assert.Equal(1, root.GetProperty("connections").GetInt32());
        Assert.Equal(1, root.GetProperty("rooms").GetInt32());
        Assert.Equal(2, root.GetProperty("live_workers").GetInt32());
        Assert.True(root.GetProperty("resident_kb").GetInt64() > 0);
        Assert.True(root.GetProperty("open_handles").GetInt32() > 0);
        Assert.Equal(1, root.GetProperty("pipeline").GetProperty("active_sessions").GetInt32());
        Assert.Equal(2, root.GetProperty("workers").GetArrayLength());
        Assert.All(root.GetProperty("worker_resident_kb").EnumerateArray(), kb => Assert.True(kb.GetInt64() > 0));
    }
}
