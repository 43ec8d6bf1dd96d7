using System.Text.Json;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>Shared helpers of the API tests: real websocket clients of <c>contract.php</c> and unique names.</summary>
public abstract class ApiTestBase
{
    protected abstract DispatchServer Server { get; }

    /// <summary>A room or user name no other test uses (tests of a class share one server).</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Connects with <c>query</c> (room=R joins R, user=U binds U, observe=1 hears every close) and returns the
    /// client and its connection id from the welcome frame, sent after the open's commands applied.</summary>
    protected async Task<(WsClient Client, string Id)> ConnectAsync(string query = "")
    {
        var client = await WsClient.ConnectAsync(Server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome["welcome:".Length..]);
    }

    protected static string Json(object value) => JsonSerializer.Serialize(value);
}
