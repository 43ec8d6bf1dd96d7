using System.Text.Json;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.EndToEnd;

/// <summary>A PHP worker killed with SIGKILL in the middle of load.</summary>
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task WorkerSigkilledUnderLoad_EveryMessageGetsOneOutcomeInOrder_AndThePoolRecovers()
    {
        const int clientsCount = 40;
        const int messagesEach = 60;
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 2);
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var victim = supervisor.GetStatus().First(static w => w.ProcessId is not null).ProcessId!.Value;

        var clients = new List<WsClient>();
        for (var i = 0; i < clientsCount; i++)
        {
            var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
            Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
            clients.Add(client);
        }

        var replies = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = 0;
        var load = Task.WhenAll(clients.Select(async (client, c) =>
        {
            var sender = Task.Run(async () =>
            {
                for (var m = 0; m < messagesEach; m++)
                {
                    await client.SendTextAsync($"echo:{c}-{m}");
                }
            });

            // Exactly one outcome per message, in order: its echo, or an error frame in its place.
            for (var m = 0; m < messagesEach; m++)
            {
                var frame = await client.ReceiveTextAsync(TimeSpan.FromSeconds(60));
                if (frame.StartsWith('{'))
                {
                    using var error = JsonDocument.Parse(frame);
                    Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
                    Assert.Equal("worker_crashed", error.RootElement.GetProperty("error_class").GetString());
                    Interlocked.Increment(ref errors);
                }
                else
                {
                    Assert.Equal($"{c}-{m}", frame);
                }

                if (Interlocked.Increment(ref replies) == clientsCount * messagesEach / 3)
                {
                    halfway.TrySetResult();
                }
            }

            await sender;
        }));

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Posix.Kill(victim, Posix.SigKill);
        await load.WaitAsync(TimeSpan.FromSeconds(120));

        // Only the event the worker had in hand failed; everything behind it was re-dispatched.
        // Whatever the pipeline depth, at most the one event at the head of the killed worker's queue fails.
        Assert.InRange(errors, 0, 1);
        await Poll.UntilAsync(() => supervisor.LiveWorkers == 2 && supervisor.GetStatus().All(w => w.ProcessId != victim && w.Ready), TimeSpan.FromSeconds(30));

        // The service keeps serving on the replaced worker.
        foreach (var client in clients)
        {
            await client.SendTextAsync("echo:after");
            Assert.Equal("after", await client.ReceiveTextAsync());
            await client.DisposeAsync();
        }
    }
}
