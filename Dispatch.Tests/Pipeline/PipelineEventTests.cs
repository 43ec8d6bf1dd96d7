using System.Text;
using System.Text.Json;
using Dispatch.Pipeline.Sessions;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineEventTests
{
    [Fact]
    public async Task Events_CarryTheConnectionFacts_AndBinaryDataAsBase64()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(_ => FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("hello");
        await connection.Session.EnqueueMessageAsync(new InboundMessage(new byte[] { 0, 1, 254, 255 }, IsBinary: true), CancellationToken.None);
        await connection.Client.WaitForFramesAsync(2);

        var frames = harness.WorkerFrames.Where(f => f.Id == "c1").ToList();
        using var open = JsonDocument.Parse(frames[0].Payload);
        var root = open.RootElement;
        Assert.Equal("websocket_dispatch", root.GetProperty("mode").GetString());
        Assert.Equal("open", root.GetProperty("event").GetString());
        Assert.Equal("/ws/chat", root.GetProperty("path").GetString());
        Assert.Equal("lobby", root.GetProperty("query").GetProperty("room").GetString());
        Assert.Equal("localhost", root.GetProperty("headers").GetProperty("host").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("remote_addr").GetString());
        Assert.Equal("req-c1", root.GetProperty("request_id").GetString());
        Assert.Equal("trace-c1", root.GetProperty("trace_id").GetString());
        Assert.Equal(0, root.GetProperty("metadata").GetProperty("rooms").GetArrayLength());
        Assert.Equal(1_770_000_000_123, root.GetProperty("metadata").GetProperty("connected_at").GetInt64());
        Assert.False(root.TryGetProperty("data", out _));

        using var text = JsonDocument.Parse(frames[1].Payload);
        Assert.Equal("text", text.RootElement.GetProperty("opcode").GetString());
        Assert.Equal("hello", text.RootElement.GetProperty("data").GetString());

        using var binary = JsonDocument.Parse(frames[2].Payload);
        Assert.Equal("binary", binary.RootElement.GetProperty("opcode").GetString());
        Assert.Equal(Convert.ToBase64String([0, 1, 254, 255]), binary.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public async Task SetMetadata_IsVisibleInTheNextEventsMetadata()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(frame => frame.Data == "login"
            ? Replies.Commands(
                frame.Id!,
                new { @event = "set_metadata", user_id = "u-42", attrs = new Dictionary<string, string> { ["role"] = "member" } },
                new { @event = "join", room = "lobby" },
                new { @event = "send", data = "welcome" })
            : FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("login");
        await connection.SendAsync("whoami");
        await connection.Client.WaitForFramesAsync(2);

        var whoami = harness.WorkerFrames.Single(f => f.Data == "whoami");
        using var document = JsonDocument.Parse(whoami.Payload);
        var metadata = document.RootElement.GetProperty("metadata");
        Assert.Equal("u-42", metadata.GetProperty("user_id").GetString());
        Assert.Equal("member", metadata.GetProperty("attrs").GetProperty("role").GetString());
        Assert.Equal(["lobby"], metadata.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Encoding.UTF8.GetString(whoami.Payload), whoami.Json);
    }
}
