using System.Text;
using Dispatch.Commands.Contract;

namespace Dispatch.Tests.Commands;

/// <summary>The direct message-event writer must produce exactly the serializer's bytes: workers cannot tell them apart.</summary>
public sealed class MessageEventWriterTests
{
    public static TheoryData<string> Texts => new()
    {
        "hello",
        "",
        "quotes \" and \\ backslash / slash",
        "control \n\r\t\u0001 characters",
        "html <b>&amp;</b> 'single' +plus",
        "non-ascii é ü 中文 and an emoji 😀",
        new string('x', 70_000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void TryWrite_TextMessage_WritesTheSerializersBytes(string text) => AssertWritesTheSerializersBytes(new WorkerEvent
    {
        Id = "c-1",
        Path = "/ws/chat",
        Query = new Dictionary<string, string> { ["room"] = "lobby", ["q"] = "a&b<c>" },
        Headers = new Dictionary<string, string> { ["host"] = "example.test:8080", ["user-agent"] = "Mozilla/5.0 \"quoted\"", ["cookie"] = "a=1; b=é" },
        RemoteAddr = "127.0.0.1",
        RequestId = "req-1",
        TraceId = "00-trace-01",
        Data = text,
        Metadata = new MetadataSnapshot
        {
            UserId = "u-42",
            Rooms = ["lobby", "news"],
            Attrs = new Dictionary<string, string> { ["role"] = "member" },
            ConnectedAt = 1_770_000_000_123,
            RemoteAddr = "127.0.0.1",
            Path = "/ws/chat",
        },
    });

    [Fact]
    public void TryWrite_EmptyQueryHeadersAndMetadata_WritesTheSerializersBytes() => AssertWritesTheSerializersBytes(new WorkerEvent
    {
        Id = "c-2",
        Path = "/",
        Query = new Dictionary<string, string>(),
        Headers = new Dictionary<string, string>(),
        RemoteAddr = "::1",
        RequestId = "",
        TraceId = "",
        Data = "x",
        Metadata = new MetadataSnapshot { ConnectedAt = 1, RemoteAddr = "::1", Path = "/" },
    });

    [Fact]
    public void TryWrite_LoneSurrogatesAndNonAsciiInConnectionFields_WritesTheSerializersBytes()
    {
        // A client header cut in the middle of a surrogate pair: the serializer writes U+FFFD, and so must this.
        var cut = "trace-\ud83d";
        AssertWritesTheSerializersBytes(new WorkerEvent
        {
            Id = "c-\u00e9",
            Path = "/p\u00e4th",
            Query = new Dictionary<string, string> { ["n\u00e4me"] = "\ud800" },
            Headers = new Dictionary<string, string> { ["x-note"] = "caf\u00e9 \udc00" },
            RemoteAddr = "10.0.0.1",
            RequestId = cut,
            TraceId = cut,
            Data = "hi",
            Metadata = new MetadataSnapshot { ConnectedAt = 5, RemoteAddr = "10.0.0.1", Path = "/p\u00e4th" },
        });
    }

    /// <summary>
    /// Writes <paramref name="message"/> (a text message event; its id, path, query, headers, address and ids are the
    /// connection's fields, <c>Data</c> the text) with the writer and compares the bytes with the serializer's.
    /// </summary>
    private static void AssertWritesTheSerializersBytes(WorkerEvent message)
    {
        message.Mode = WireNames.DispatchMode;
        message.Event = WireNames.Message;
        message.Opcode = WireNames.Text;
        var fields = ConnectionEventFields.Create(
            message.Id, message.Path!, message.Query!, message.Headers!, message.RemoteAddr!, message.RequestId!, message.TraceId!);
        var expected = ContractJson.SerializeEvent(message);

        Assert.True(MessageEventWriter.TryWrite(WireNames.DispatchMode, fields, Encoding.UTF8.GetBytes(message.Data!), message.Metadata!, out var json));
        using (json)
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(json.Memory.Span));
        }
    }

    [Fact]
    public void TryWrite_InvalidUtf8_RefusesSoTheSerializerSubstitutes()
    {
        var empty = new Dictionary<string, string>();
        var fields = ConnectionEventFields.Create("c-3", "/", empty, empty, "::1", "", "");

        Assert.False(MessageEventWriter.TryWrite(WireNames.DispatchMode, fields, [0x61, 0xC3, 0x28], new MetadataSnapshot(), out var json));
        Assert.True(json.Memory.IsEmpty);
    }
}
