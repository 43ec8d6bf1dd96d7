using System.Net.WebSockets;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>
/// A hosting worker that crashes, hangs or breaks the protocol closes its own websocket with 1011 and is killed and
/// replaced; the other websockets (on other workers) are unaffected.
/// </summary>
public sealed class HostedFaultTests
{
    private static async Task<(WsClient Client, int Pid)> ConnectAsync(DispatchServer server)
    {
        var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await client.SendTextAsync("pid");
        return (client, int.Parse(await client.ReceiveTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WorkerSigkilledMidSession_ClosesOnlyItsClientWith1011_AndThePoolRecovers()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 2, HostedSettings.With());
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var (victim, victimPid) = await ConnectAsync(server);
        var (bystander, bystanderPid) = await ConnectAsync(server);
        await using var _v = victim;
        await using var _b = bystander;
        Assert.NotEqual(victimPid, bystanderPid);

        Posix.Kill(victimPid, Posix.SigKill);
        var (status, _, _) = await victim.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);

        await bystander.SendTextAsync("echo:unaffected");
        Assert.Equal("unaffected", await bystander.ReceiveTextAsync());
        await Poll.UntilAsync(() => supervisor.LiveWorkers == 2 && supervisor.GetStatus().All(w => w.ProcessId != victimPid && w.Ready));

        // The replacement hosts the next websocket.
        var (next, nextPid) = await ConnectAsync(server);
        await using var _n = next;
        Assert.NotEqual(victimPid, nextPid);
        await next.SendTextAsync("echo:after");
        Assert.Equal("after", await next.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("die")]
    [InlineData("garbage")]
    [InlineData("oversized")]
    public async Task WorkerDiesOrBreaksTheProtocolMidEvent_ClosesItsClientWith1011_WorkerIsReplaced(string misbehaviour)
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 2, HostedSettings.With());
        var supervisor = server.GetRequiredService<IWorkerSupervisor>();
        var (victim, victimPid) = await ConnectAsync(server);
        var (bystander, _) = await ConnectAsync(server);
        await using var _v = victim;
        await using var _b = bystander;

        await victim.SendTextAsync(misbehaviour);
        var (status, _, before) = await victim.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        Assert.Empty(before);

        await bystander.SendTextAsync("echo:unaffected");
        Assert.Equal("unaffected", await bystander.ReceiveTextAsync());
        await Poll.UntilAsync(() => !Posix.IsAlive(victimPid) && supervisor.LiveWorkers == 2 && supervisor.GetStatus().All(w => w.Ready));
        var (next, nextPid) = await ConnectAsync(server);
        await using var _n = next;
        Assert.NotEqual(victimPid, nextPid);
    }

    [Fact]
    public async Task HungWorker_EventTimesOut_ClientGets1011_WorkerIsKilledAndReplaced()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 1, HostedSettings.With(
            ("Dispatch:Pipeline:EventTimeout", "00:00:03")));
        var (victim, hungPid) = await ConnectAsync(server);
        await using var _v = victim;

        await victim.SendTextAsync("sleep:30000");
        var (status, description, _) = await victim.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        Assert.Equal("worker timeout", description);
        await Poll.UntilAsync(() => !Posix.IsAlive(hungPid));

        // The only worker was replaced, not reused: the next websocket is hosted by a new PHP process.
        var (next, nextPid) = await ConnectAsync(server);
        await using var _n = next;
        Assert.NotEqual(hungPid, nextPid);
    }
}
