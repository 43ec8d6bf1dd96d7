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
}
