using System.Net.WebSockets;

namespace Dispatch.Tests.EndToEnd;

/// <summary>The echo example on a server of its own.</summary>
public sealed class EchoExampleTests
{
    [Fact]
    public async Task EchoExample_EchoesTextAndBinary()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.Example("echo.php"), workers: 1);
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        await client.SendTextAsync("ping");
        Assert.Equal("ping", await client.ReceiveTextAsync());
        await client.SendBinaryAsync([1, 2, 3]);
        var (type, data) = await client.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 1, 2, 3 }, data);
    }
}
