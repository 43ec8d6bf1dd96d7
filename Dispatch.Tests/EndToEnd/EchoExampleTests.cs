using System.Net.WebSockets;
using Dispatch.Tests.Hosted;

namespace Dispatch.Tests.EndToEnd;

/// <summary>The echo example, unchanged, on a server of its own in each mode.</summary>
public sealed class EchoExampleTests
{
    [Theory]
    [InlineData("message_dispatch")]
    [InlineData("connection_hosted")]
    public async Task EchoExample_UpgradesAndEchoesTextAndBinary(string mode)
    {
        // message_dispatch is the default: that server gets no Mode setting at all.
        var settings = mode == "connection_hosted" ? HostedSettings.With() : null;
        await using var server = await DispatchServer.StartAsync(PhpPaths.Example("echo.php"), workers: 1, settings);
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        await client.SendTextAsync("ping");
        Assert.Equal("ping", await client.ReceiveTextAsync());
        await client.SendBinaryAsync([1, 2, 3]);
        var (type, data) = await client.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 1, 2, 3 }, data);
    }
}
