using System.Net.Sockets;
using System.Text;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// Seeded random malformed upgrade requests over raw TCP: each gets an HTTP error or a closed connection (only a
/// request that happens to be a valid upgrade gets 101), and the node keeps serving a well-behaved client.
/// </summary>
public sealed class UpgradeFuzzTests(ContractAppFixture fixture) : IClassFixture<ContractAppFixture>
{
    private static readonly string[] Lines =
    [
        "GET /ws HTTP/1.1", "POST /ws HTTP/1.1", "GET /ws/../ws HTTP/1.1", "GET /ws?x=%ZZ HTTP/1.1", "GET /ws HTTP/1.0",
        "Host: localhost", "Upgrade: websocket", "Upgrade: h2c", "Connection: Upgrade", "Connection: keep-alive, upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: short", "Sec-WebSocket-Key:",
        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", "Sec-WebSocket-Version: 99999999999999",
        "Origin: http://x", "Content-Length: 5", "Transfer-Encoding: chunked", "X-Request-Id: " + new string('r', 300),
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits", "\u0001\u0002binary", "Cookie: a=b",
    ];

    [Fact]
    public async Task MalformedUpgrades_NeverCrashTheNode_AndOnlyValidOnesGet101()
    {
        var iterations = FuzzCount(300);
        var random = new Random(61455);
        for (var i = 0; i < iterations; i++)
        {
            var request = new StringBuilder();
            var count = random.Next(0, 8);
            for (var l = 0; l < count; l++)
            {
                request.Append(Lines[random.Next(Lines.Length)]).Append("\r\n");
            }

            request.Append("\r\n");
            var bytes = Encoding.UTF8.GetBytes(request.ToString());
            if (random.Next(4) == 0 && bytes.Length > 0)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var status = await SendRawAsync(bytes);
            if (status == "101")
            {
                // Chance assembled a valid upgrade: then it must really be one.
                var text = Encoding.UTF8.GetString(bytes);
                Assert.Contains("GET /ws", text, StringComparison.Ordinal);
                Assert.Contains("Sec-WebSocket-Key: dGhl", text, StringComparison.Ordinal);
                Assert.Contains("Sec-WebSocket-Version: 13", text, StringComparison.Ordinal);
            }
        }

        await using var client = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await client.SendTextAsync("echo:alive");
        Assert.Equal("alive", await client.ReceiveTextAsync());
    }

    private async Task<string> SendRawAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Server.HttpBase.Host, fixture.Server.HttpBase.Port);
        var stream = tcp.GetStream();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.WriteAsync(request, cts.Token);
            tcp.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cts.Token);
            var head = Encoding.ASCII.GetString(buffer, 0, read);
            return head.StartsWith("HTTP/1.", StringComparison.Ordinal) && head.Length >= 12 ? head.Substring(9, 3) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (SocketException)
        {
            return "";
        }
    }

    private static int FuzzCount(int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : normal;
}
