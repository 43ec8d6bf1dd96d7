using Dispatch.Pipeline.Workers;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary><c>MaxJobs</c> and <c>MaxMemoryMb</c> recycle a hosting worker between websockets, never during one.</summary>
public sealed class HostedRecyclingTests
{
    private static async Task<int> PidAsync(WsClient client)
    {
        await client.SendTextAsync("pid");
        return int.Parse(await client.ReceiveTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<WsClient> ConnectAsync(DispatchServer server)
    {
        var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        return client;
    }

    [Theory]
    [InlineData("Dispatch:Workers:MaxJobs", "2")]
    [InlineData("Dispatch:Workers:MaxMemoryMb", "1")]
    public async Task WorkerOverTheLimit_FinishesItsWebsocket_ThenIsReplaced(string setting, string value)
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 1, HostedSettings.With((setting, value)));
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var client = await ConnectAsync(server);
        var pid = await PidAsync(client);
        for (var i = 0; i < 5; i++)
        {
            // Over the limit already, but a websocket keeps its worker (and its PHP state) to the end.
            Assert.Equal(pid, await PidAsync(client));
        }

        await client.CloseAsync();
        await client.DisposeAsync();
        await using var next = await ConnectAsync(server);
        Assert.NotEqual(pid, await PidAsync(next));
        Assert.Equal(1, supervisor.GetStatus().Single().Restarts);
    }
}
