using System.Net.WebSockets;
using System.Text.Json;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>
/// Connection-hosted mode (CONTRACT 5) end to end with the same handler file as message-dispatch mode: the shared
/// scenarios of <see cref="ContractScenarios"/> (each websocket on a worker of its own, so rooms, users, direct sends
/// and the onClose broadcast there all cross workers), plus what this mode does differently.
/// </summary>
public sealed class HostedContractTests(HostedContractFixture fixture) : ContractScenarios, IClassFixture<HostedContractFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task Message_HandlerThrows_ClientGetsAnErrorFrameWithoutTheTextThenClose1011()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("throw");
        var (status, _, before) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        var error = Assert.Single(before);
        using var frame = JsonDocument.Parse(error);
        Assert.Equal("worker_runtime_error", frame.RootElement.GetProperty("error_class").GetString());
        Assert.DoesNotContain("on purpose", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SequentialWebsockets_ReuseTheWorkers()
    {
        var supervisor = Server.GetRequiredService<Dispatch.Pipeline.Workers.IWorkerSupervisor>();
        var pids = supervisor.GetStatus().Select(static w => w.ProcessId).ToHashSet();
        for (var i = 0; i < HostedContractFixture.Workers * 2; i++)
        {
            var (client, _) = await ConnectAsync();
            await client.SendTextAsync($"echo:{i}");
            Assert.Equal($"{i}", await client.ReceiveTextAsync());
            await client.CloseAsync();
            await client.DisposeAsync();
        }

        // No worker was replaced: a websocket's end releases its worker for the next one.
        Assert.Equal(pids, supervisor.GetStatus().Select(static w => w.ProcessId).ToHashSet());
    }
}
