namespace Dispatch.Tests.EndToEnd;

/// <summary><c>Dispatch:Workers:Ini</c> reaches the PHP workers as <c>-d</c> settings, defaults included.</summary>
public sealed class WorkerIniTests
{
    [Fact]
    public async Task ConfiguredSettings_AndTheOpcacheDefaults_AreInForceInTheWorker()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:Workers:Ini:default_socket_timeout"] = "77",
            ["Dispatch:Workers:Ini:opcache.jit"] = "function",
        });
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);

        await client.SendTextAsync("ini:default_socket_timeout");
        Assert.Equal("\"77\"", await client.ReceiveTextAsync());

        // A configured value replaces the default of the same name; the other defaults stay.
        await client.SendTextAsync("ini:opcache.jit");
        Assert.Equal("\"function\"", await client.ReceiveTextAsync());
        await client.SendTextAsync("ini:opcache.enable_cli");
        Assert.Equal("\"1\"", await client.ReceiveTextAsync());
    }
}
