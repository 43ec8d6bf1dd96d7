using System.Text.Json;

namespace Dispatch.Tests.EndToEnd;

/// <summary>The service as an operator runs it, with <c>Dispatch__Logging__Format=json</c>.</summary>
public sealed class JsonLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task JsonFormat_EveryLineIsJson_AndTheCloseLineCarriesTheConnectionsFigures()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__Count"] = "1",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Logging__Format"] = "json",

            // The open line is Debug (the close line is the one Information line per connection); this is how an
            // operator turns it on.
            ["Logging__LogLevel__Dispatch.Service.Gateway"] = "Debug",
        });
        var baseUri = await service.WaitListeningAsync(Timeout);

        string id;
        await using (var client = await WsClient.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws")))
        {
            id = (await client.ReceiveTextAsync())["welcome:".Length..];
            await client.SendTextAsync("echo:secret-payload-1");
            Assert.Equal("secret-payload-1", await client.ReceiveTextAsync());
            await client.SendTextAsync("echo:secret-payload-2");
            Assert.Equal("secret-payload-2", await client.ReceiveTextAsync());
            await client.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4001, "leaving");
        }

        var closeLine = await service.WaitForLineAsync(l => l.Contains("\"EventId\":203", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal), Timeout);
        var openLine = await service.WaitForLineAsync(l => l.Contains("\"EventId\":202", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal), Timeout);

        using var close = JsonDocument.Parse(closeLine);
        var state = close.RootElement.GetProperty("State");
        Assert.Equal("Information", close.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal(id, state.GetProperty("ConnectionId").GetString());
        Assert.Equal("127.0.0.1", state.GetProperty("RemoteAddr").GetString());
        Assert.Equal("/ws", state.GetProperty("Path").GetString());
        Assert.Equal(4001, state.GetProperty("CloseCode").GetInt32());
        Assert.Equal("leaving", state.GetProperty("CloseReason").GetString());
        Assert.Equal(2, state.GetProperty("MessagesIn").GetInt64());
        Assert.Equal(3, state.GetProperty("MessagesOut").GetInt64());
        Assert.True(state.GetProperty("DurationMs").GetInt64() >= 0);
        using var open = JsonDocument.Parse(openLine);
        Assert.Equal("Debug", open.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("127.0.0.1", open.RootElement.GetProperty("State").GetProperty("RemoteAddr").GetString());

        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var _ = JsonDocument.Parse(line);
        }

        // No payloads by default.
        Assert.DoesNotContain("secret-payload", service.Output, StringComparison.Ordinal);
    }
}
