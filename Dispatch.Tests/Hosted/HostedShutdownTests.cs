using System.Net.WebSockets;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>Shutdown in connection-hosted mode: 1001 for every websocket, each close on its own worker, 503 for waiters.</summary>
public sealed class HostedShutdownTests
{
    [Fact]
    public async Task Stop_ClosesEveryWebsocketWith1001_RunsEachOnClose_AndRefusesWaitingUpgrades()
    {
        using var log = new CloseLog();
        var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 2, HostedSettings.With(
            ("Dispatch:WebSocket:HostedQueueTimeout", "00:01:00")));
        try
        {
            var clients = new List<(WsClient Client, string Id)>();
            for (var i = 0; i < 2; i++)
            {
                var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws?" + log.Query));
                clients.Add((client, (await client.ReceiveTextAsync())["welcome:".Length..]));
            }

            var waiting = WsClient.ConnectExpectingStatusAsync(server.WebSocketUri("/ws"));
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "the third upgrade was answered while both workers were hosting");

            var stopping = server.StopAsync();
            Assert.Equal(503, await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
            foreach (var (client, id) in clients)
            {
                var (status, _, _) = await client.ReceiveCloseAsync();
                Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
                await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "ok");
                Assert.Equal([$"{id} 1001 server shutting down"], await log.WaitForAsync(id));
                await client.DisposeAsync();
            }

            await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
