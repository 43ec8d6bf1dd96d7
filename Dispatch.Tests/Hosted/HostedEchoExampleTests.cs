using System.Net.WebSockets;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>The echo example, unchanged, in connection-hosted mode on a server of its own.</summary>
public sealed class HostedEchoExampleTests
{
    [Fact]
    public async Task EchoExample_UpgradesAndEchoesTextAndBinary()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.Example("echo.php"), workers: 1, HostedSettings.With());
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        await client.SendTextAsync("ping");
        Assert.Equal("ping", await client.ReceiveTextAsync());
        await client.SendBinaryAsync([1, 2, 3]);
        var (type, data) = await client.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 1, 2, 3 }, data);
    }
}
