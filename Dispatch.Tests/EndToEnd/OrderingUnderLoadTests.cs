namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// Hundreds of connections on two PHP workers: every message gets its reply, and each connection sees its replies in
/// the order it sent the messages. Correctness only; speed is measured by the benchmark tool, not here.
/// </summary>
public sealed class OrderingUnderLoadTests(ContractAppFixture fixture) : IClassFixture<ContractAppFixture>
{
    [Fact]
    public async Task FiveHundredConnections_TwentyPipelinedMessagesEach_AllRepliesArriveInOrder()
    {
        const int connections = 500;
        const int messagesEach = 20;
        var clients = new WsClient[connections];
        using var connectGate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            await connectGate.WaitAsync();
            try
            {
                clients[i] = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws"));
                Assert.StartsWith("welcome:", await clients[i].ReceiveTextAsync(TimeSpan.FromSeconds(60)), StringComparison.Ordinal);
            }
            finally
            {
                connectGate.Release();
            }
        }));

        try
        {
            await Task.WhenAll(clients.Select(async (client, c) =>
            {
                // Send everything first, so the gateway has many events of this connection queued at once.
                for (var m = 0; m < messagesEach; m++)
                {
                    await client.SendTextAsync($"echo:{c}-{m}");
                }

                for (var m = 0; m < messagesEach; m++)
                {
                    Assert.Equal($"{c}-{m}", await client.ReceiveTextAsync(TimeSpan.FromSeconds(120)));
                }
            }));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task LargeRoom_EveryMemberGetsEveryBroadcast_InPublishOrder()
    {
        // Above the router's deferred-drain threshold, so the socket writes run on the thread pool, not the publisher.
        const int members = 120;
        const int broadcasts = 30;
        var room = "fan-" + Guid.NewGuid().ToString("N");
        var clients = new List<WsClient>();
        try
        {
            for (var i = 0; i < members + 1; i++)
            {
                var client = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws?room=" + room));
                clients.Add(client);
                Assert.StartsWith("welcome:", await client.ReceiveTextAsync(TimeSpan.FromSeconds(60)), StringComparison.Ordinal);
            }

            var publisher = clients[0];
            for (var b = 0; b < broadcasts; b++)
            {
                await publisher.SendTextAsync($"bcast:{room}:b{b}");
            }

            var expected = Enumerable.Range(0, broadcasts).Select(b => "b" + b).ToList();
            await Task.WhenAll(clients.Skip(1).Select(async member =>
            {
                var received = new List<string>();
                for (var b = 0; b < broadcasts; b++)
                {
                    received.Add(await member.ReceiveTextAsync(TimeSpan.FromSeconds(60)));
                }

                Assert.Equal(expected, received);
            }));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
