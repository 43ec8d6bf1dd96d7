using System.Text.Json;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// The contract of message-dispatch mode, end to end: real service, real PHP workers, real websockets. The scenarios
/// both modes share are in <see cref="ContractScenarios"/>; only what is particular to this mode is here.
/// </summary>
public sealed class MessageDispatchTests(ContractAppFixture fixture) : ContractScenarios, IClassFixture<ContractAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task Message_HandlerThrows_ClientGetsAnErrorFrameAndStaysConnected()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("throw");
        using var error = JsonDocument.Parse(await client.ReceiveTextAsync());
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("worker_runtime_error", error.RootElement.GetProperty("error_class").GetString());
        Assert.DoesNotContain("on purpose", error.RootElement.GetRawText(), StringComparison.Ordinal);

        await client.SendTextAsync("echo:still here");
        Assert.Equal("still here", await client.ReceiveTextAsync());
    }
}
