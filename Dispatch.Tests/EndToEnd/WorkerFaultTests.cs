using System.Text.Json;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.EndToEnd;

/// <summary>Real PHP workers that hang or die while well-behaved clients keep talking.</summary>
public sealed class WorkerFaultTests
{
    private static async Task<WsClient> ConnectAsync(DispatchServer server)
    {
        var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task HungWorker_EventTimesOut_ClientGetsWorkerTimeout_WorkerIsKilledAndReplaced()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            // Generous enough for a cold first event on a loaded machine; the handler sleeps far longer.
            ["Dispatch:Pipeline:EventTimeout"] = "00:00:03",
        });
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var hungPid = supervisor.GetStatus().Single().ProcessId;
        await using var client = await ConnectAsync(server);

        await client.SendTextAsync("sleep:30000");
        using var error = JsonDocument.Parse(await client.ReceiveTextAsync());
        Assert.Equal("worker_timeout", error.RootElement.GetProperty("error_class").GetString());

        // The next message is served by a new PHP process: the hung one was killed, not reused.
        await client.SendTextAsync("echo:after the hang");
        Assert.Equal("after the hang", await client.ReceiveTextAsync());
        Assert.NotEqual(hungPid, supervisor.GetStatus().Single().ProcessId);
        Assert.False(Posix.IsAlive(hungPid!.Value), "the hung PHP worker is still running");
    }

    [Fact]
    public async Task Chaos_RandomSigkills_EveryMessageGetsExactlyOneOutcomeInOrder_PoolReturnsToFullStrength()
    {
        const int clientsCount = 200;
        const int messagesEach = 40;
        const int kills = 4;
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 2);
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var clients = new WsClient[clientsCount];
        for (var i = 0; i < clientsCount; i++)
        {
            clients[i] = await ConnectAsync(server);
        }

        var replies = 0;
        var errors = 0;
        var killPoints = Enumerable.Range(1, kills).Select(k => clientsCount * messagesEach * k / (kills + 2)).ToArray();
        var killSignals = killPoints.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var load = Task.WhenAll(clients.Select(async (client, c) =>
        {
            var sender = Task.Run(async () =>
            {
                for (var m = 0; m < messagesEach; m++)
                {
                    await client.SendTextAsync($"echo:{c}-{m}");
                }
            });
            for (var m = 0; m < messagesEach; m++)
            {
                var frame = await client.ReceiveTextAsync(TimeSpan.FromSeconds(90));
                if (frame.StartsWith('{'))
                {
                    using var error = JsonDocument.Parse(frame);
                    Assert.Equal("worker_crashed", error.RootElement.GetProperty("error_class").GetString());
                    Interlocked.Increment(ref errors);
                }
                else
                {
                    Assert.Equal($"{c}-{m}", frame);
                }

                var done = Interlocked.Increment(ref replies);
                for (var k = 0; k < killPoints.Length; k++)
                {
                    if (done == killPoints[k])
                    {
                        killSignals[k].TrySetResult();
                    }
                }
            }

            await sender;
        }));

        var random = new Random(20261122);
        var killed = new List<int>();
        foreach (var signal in killSignals)
        {
            await Task.WhenAny(signal.Task, load).WaitAsync(TimeSpan.FromSeconds(120));
            var live = supervisor.GetStatus().Where(static w => w.Ready && w.ProcessId is not null).ToList();
            if (live.Count > 0)
            {
                var victim = live[random.Next(live.Count)].ProcessId!.Value;
                Posix.Kill(victim, Posix.SigKill);
                killed.Add(victim);
            }
        }

        await load.WaitAsync(TimeSpan.FromSeconds(180));
        Assert.NotEmpty(killed);
        Assert.InRange(errors, 0, killed.Count);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!(supervisor.LiveWorkers == 2 && supervisor.GetStatus().All(w => w.ProcessId is { } pid && !killed.Contains(pid))))
        {
            await tick.WaitForNextTickAsync(deadline.Token);
        }

        foreach (var client in clients)
        {
            await client.SendTextAsync("echo:still served");
            Assert.Equal("still served", await client.ReceiveTextAsync());
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkerAboveMemoryLimit_IsRecycledBetweenEvents_NoMessageIsLost()
    {
        // Every PHP process is above 1 MB, so each check recycles the worker: a worst case for losing events.
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:Workers:MaxMemoryMb"] = "1",
            ["Dispatch:Workers:MemoryCheckInterval"] = "00:00:00.200",
        });
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var first = supervisor.GetStatus().Single().ProcessId;
        await using var client = await ConnectAsync(server);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sent = 0;
        while (supervisor.GetStatus().All(w => w.ProcessId == first || w.ProcessId is null) || sent < 20)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await client.SendTextAsync($"echo:m{sent}");
            Assert.Equal($"m{sent}", await client.ReceiveTextAsync());
            sent++;
        }

        Assert.False(Posix.IsAlive(first!.Value), "the recycled worker should have exited");
    }
}
