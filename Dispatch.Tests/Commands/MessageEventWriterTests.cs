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
    public void TryWrite_TextMessage_WritesTheSerializersBytes(string text)
    {
        var query = new Dictionary<string, string> { ["room"] = "lobby", ["q"] = "a&b<c>" };
        var headers = new Dictionary<string, string> { ["host"] = "example.test:8080", ["user-agent"] = "Mozilla/5.0 \"quoted\"", ["cookie"] = "a=1; b=é" };
        var metadata = new MetadataSnapshot
        {
            UserId = "u-42",
            Rooms = ["lobby", "news"],
            Attrs = new Dictionary<string, string> { ["role"] = "member" },
            ConnectedAt = 1_770_000_000_123,
            RemoteAddr = "127.0.0.1",
            Path = "/ws/chat",
        };
        var fields = ConnectionEventFields.Create("c-1", "/ws/chat", query, headers, "127.0.0.1", "req-1", "00-trace-01");
        var expected = ContractJson.SerializeEvent(new WorkerEvent
        {
            Mode = WireNames.DispatchMode,
            Event = WireNames.Message,
            Id = "c-1",
            Path = "/ws/chat",
            Query = query,
            Headers = headers,
            RemoteAddr = "127.0.0.1",
            RequestId = "req-1",
            TraceId = "00-trace-01",
            Opcode = WireNames.Text,
            Data = text,
            Metadata = metadata,
        });

        AssertWritesTheSerializersBytes(fields, Encoding.UTF8.GetBytes(text), metadata, expected);
    }

    [Fact]
    public void TryWrite_EmptyQueryHeadersAndMetadata_WritesTheSerializersBytes()
    {
        var empty = new Dictionary<string, string>();
        var metadata = new MetadataSnapshot { ConnectedAt = 1, RemoteAddr = "::1", Path = "/" };
        var fields = ConnectionEventFields.Create("c-2", "/", empty, empty, "::1", "", "");
        var expected = ContractJson.SerializeEvent(new WorkerEvent
        {
            Event = WireNames.Message,
            Id = "c-2",
            Path = "/",
            Query = empty,
            Headers = empty,
            RemoteAddr = "::1",
            RequestId = "",
            TraceId = "",
            Opcode = WireNames.Text,
            Data = "x",
            Metadata = metadata,
        });

        AssertWritesTheSerializersBytes(fields, "x"u8, metadata, expected);
    }

    [Fact]
    public void TryWrite_LoneSurrogatesAndNonAsciiInConnectionFields_WritesTheSerializersBytes()
    {
        // A client header cut in the middle of a surrogate pair: the serializer writes U+FFFD, and so must this.
        var cut = "trace-\ud83d";
        var headers = new Dictionary<string, string> { ["x-note"] = "caf\u00e9 \udc00" };
        var query = new Dictionary<string, string> { ["n\u00e4me"] = "\ud800" };
        var metadata = new MetadataSnapshot { ConnectedAt = 5, RemoteAddr = "10.0.0.1", Path = "/p\u00e4th" };
        var fields = ConnectionEventFields.Create("c-\u00e9", "/p\u00e4th", query, headers, "10.0.0.1", cut, cut);
        var expected = ContractJson.SerializeEvent(new WorkerEvent
        {
            Event = WireNames.Message,
            Id = "c-\u00e9",
            Path = "/p\u00e4th",
            Query = query,
            Headers = headers,
            RemoteAddr = "10.0.0.1",
            RequestId = cut,
            TraceId = cut,
            Opcode = WireNames.Text,
            Data = "hi",
            Metadata = metadata,
        });

        AssertWritesTheSerializersBytes(fields, "hi"u8, metadata, expected);
    }

    private static void AssertWritesTheSerializersBytes(ConnectionEventFields fields, ReadOnlySpan<byte> text, MetadataSnapshot metadata, byte[] expected)
    {
        Assert.True(MessageEventWriter.TryWrite(WireNames.DispatchMode, fields, text, metadata, out var json));
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
