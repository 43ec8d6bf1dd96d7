using System.Net;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>The worker admin routes: the listing, and a graceful restart that loses no event in flight.</summary>
public sealed class ApiAdminTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task Workers_ListPidStateEventsRestartsAndMemory()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("echo:count me");
        Assert.Equal("count me", await client.ReceiveTextAsync());
        using var api = Server.ApiClient();

        var reply = await ApiReply.GetAsync(api, "/v1/admin/workers");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var workers = reply.Body.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal([0, 1], workers.Select(w => w.GetProperty("index").GetInt32()));
        var status = Server.GetRequiredService<Dispatch.Pipeline.Workers.IWorkerSupervisor>().GetStatus();
        foreach (var worker in workers)
        {
            var pid = worker.GetProperty("pid").GetInt32();
            Assert.Contains(status, s => s.ProcessId == pid);
            Assert.True(Posix.IsAlive(pid));
            Assert.True(worker.GetProperty("rss_kb").GetInt64() > 0);
            Assert.True(worker.GetProperty("restarts").GetInt32() >= 0);
        }

        // The open and the message of this test were served by some worker.
        Assert.True(workers.Sum(w => w.GetProperty("events_served").GetInt64()) >= 2);
        Assert.Contains(workers, w => w.GetProperty("state").GetString() == "ready");
    }

    [Fact]
    public async Task Restart_ReplacesTheWorkerGracefully_EventsInFlightAreAnswered_AndThePoolStillAnswers()
    {
        using var api = Server.ApiClient();
        var supervisor = Server.GetRequiredService<Dispatch.Pipeline.Workers.IWorkerSupervisor>();
        var before = supervisor.GetStatus();
        var metricsBefore = await MetricsScrape.ScrapeAsync(Server);

        // Keep both workers busy (pipelined events too), then restart both: every event must still be answered.
        var clients = new List<WsClient>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var (client, _) = await ConnectAsync();
                clients.Add(client);
                await client.SendTextAsync("sleep:800");
            }

            var first = await ApiReply.PostAsync(api, "/v1/admin/workers/0/restart", json: null);
            var second = await ApiReply.PostAsync(api, "/v1/admin/workers/1/restart", json: null);
            Assert.Equal(HttpStatusCode.Accepted, first.Status);
            Assert.Equal(0, first.Int("restarting"));
            Assert.Equal(1, second.Int("restarting"));

            foreach (var client in clients)
            {
                Assert.Equal("woke", await client.ReceiveTextAsync());
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        await Poll.UntilAsync(() => supervisor.GetStatus() is var now
            && now.All(w => w.Ready && w.ProcessId != before[w.Slot].ProcessId && w.Restarts == before[w.Slot].Restarts + 1));
        var listed = await ApiReply.GetAsync(api, "/v1/admin/workers");
        foreach (var worker in listed.Body.GetProperty("workers").EnumerateArray())
        {
            var index = worker.GetProperty("index").GetInt32();
            Assert.NotEqual(before[index].ProcessId, worker.GetProperty("pid").GetInt32());
            Assert.Equal(before[index].Restarts + 1, worker.GetProperty("restarts").GetInt32());
            Assert.Equal("ready", worker.GetProperty("state").GetString());
        }

        Assert.All(before, w => Assert.False(Posix.IsAlive(w.ProcessId!.Value)));
        var (after, _) = await ConnectAsync();
        await using var _a = after;
        await after.SendTextAsync("echo:still served");
        Assert.Equal("still served", await after.ReceiveTextAsync());

        // Counted as operator restarts, not as MaxJobs or memory recycles.
        var metrics = await MetricsScrape.WaitAsync(Server, m => m.Delta(metricsBefore, "dispatch_workers_recycled_total", ("reason", "requested")) >= 2);
        Assert.Equal(2, metrics.Delta(metricsBefore, "dispatch_workers_recycled_total", ("reason", "requested")));
        Assert.Equal(0, metrics.Delta(metricsBefore, "dispatch_workers_recycled_total", ("reason", "max_jobs")));
    }

    [Theory]
    [InlineData("/v1/admin/workers/2/restart")]
    [InlineData("/v1/admin/workers/-1/restart")]
    [InlineData("/v1/admin/workers/abc/restart")]
    public async Task Restart_UnknownWorker_Is404(string path)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, path, json: null);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Theory]
    [InlineData("/v1/admin/connections?limit=0")]
    [InlineData("/v1/admin/connections?limit=1001")]
    [InlineData("/v1/admin/connections?offset=-1")]
    [InlineData("/v1/admin/rooms?limit=abc")]
    public async Task Listings_BadPaging_Is400(string path)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.GetAsync(api, path);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.NotEmpty(reply.Problems);
    }
}
