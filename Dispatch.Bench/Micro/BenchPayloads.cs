using System.Text;
using Dispatch.Commands.Contract;

namespace Dispatch.Bench.Micro;

/// <summary>Realistic wire bodies for the micro-benchmarks: a 64-byte client message as an event and as replies.</summary>
public static class BenchPayloads
{
    public const string ConnectionId = "c0a8f3e1d2b4c5a6f7e8d9c0";
    public static readonly string Message = "e" + new string('x', 63);

    public static WorkerEvent MessageEvent() => new()
    {
        Event = "message",
        Id = ConnectionId,
        Path = "/ws",
        Query = new Dictionary<string, string> { ["role"] = "sub" },
        Headers = new Dictionary<string, string> { ["host"] = "127.0.0.1:8080", ["user-agent"] = "bench" },
        RemoteAddr = "127.0.0.1",
        RequestId = "r-0001",
        TraceId = "t-0001",
        Opcode = "text",
        Data = Message,
        Metadata = new MetadataSnapshot
        {
            Rooms = ["bench"],
            Attrs = new Dictionary<string, string>(),
            ConnectedAt = 1_770_000_000_123,
            RemoteAddr = "127.0.0.1",
            Path = "/ws",
        },
    };

    /// <summary>What echo.php answers.</summary>
    public static byte[] EchoReply() => Encoding.UTF8.GetBytes(
        $$"""{"mode":"websocket_dispatch","id":"{{ConnectionId}}","accepted":true,"commands":[{"event":"send","data":"{{Message}}"}]}""");

    /// <summary>What broadcast.php answers.</summary>
    public static byte[] BroadcastReply() => Encoding.UTF8.GetBytes(
        $$"""{"mode":"websocket_dispatch","id":"{{ConnectionId}}","accepted":true,"commands":[{"event":"broadcast","room":"bench","data":"{{Message}}","except_id":"{{ConnectionId}}"},{"event":"send","data":"{\"type\":\"ack\"}"}]}""");
}
