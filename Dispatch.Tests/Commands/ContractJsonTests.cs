using System.Text;
using System.Text.Json;
using Dispatch.Commands.Contract;

namespace Dispatch.Tests.Commands;

public sealed class ContractJsonTests
{
    [Fact]
    public void TryParseResponse_ValidResponse_ReadsEveryField()
    {
        var json = """
            {"mode":"websocket_dispatch","id":"c1","accepted":false,
             "commands":[{"event":"send","data":"hi","opcode":"text"},
                         {"event":"set_metadata","user_id":"u1","attrs":{"role":"admin"}},
                         {"event":"schedule_close","after_ms":1500,"code":4000,"reason":"bye"},
                         {"event":"replace_rooms","rooms":["a","b"]}]}
            """u8;

        Assert.True(ContractJson.TryParseResponse(json, out var response, out var error), error);

        Assert.Equal("websocket_dispatch", response!.Mode);
        Assert.Equal("c1", response.Id);
        Assert.False(response.Accepted);
        Assert.Equal(4, response.Commands!.Count);
        Assert.Equal("hi", response.Commands[0].Data);
        Assert.Equal("admin", response.Commands[1].Attrs!["role"]);
        Assert.Equal(1500, response.Commands[2].AfterMs);
        Assert.Equal(4000, response.Commands[2].Code);
        Assert.Equal(["a", "b"], response.Commands[3].Rooms!);
    }

    [Fact]
    public void TryParseResponse_ErrorResponse_ReadsErrorClassAndText()
    {
        var json = """{"mode":"websocket_dispatch","event":"error","id":"c1","error_class":"app_contract_error","error":"boom"}"""u8;

        Assert.True(ContractJson.TryParseResponse(json, out var response, out _));

        Assert.Equal("error", response!.Event);
        Assert.Equal("app_contract_error", response.ErrorClass);
        Assert.Equal("boom", response.Error);
    }

    [Fact]
    public void TryParseResponse_UnknownKeys_AreIgnored()
    {
        var json = """{"future":{"nested":[1,2,{"x":null}]},"commands":[{"event":"send","data":"x","extra":true}],"id":"c1"}"""u8;

        Assert.True(ContractJson.TryParseResponse(json, out var response, out var error), error);

        Assert.Equal("c1", response!.Id);
        Assert.Equal("x", Assert.Single(response.Commands!).Data);
    }

    [Fact]
    public void TryParseResponse_EmptyObject_TakesDefaults()
    {
        Assert.True(ContractJson.TryParseResponse("{}"u8, out var response, out _));

        Assert.Null(response!.Mode);
        Assert.Null(response.Accepted);
        Assert.Null(response.Commands);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"commands\":[")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("[]")]
    [InlineData("\"string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{/* comment */}")]
    public void TryParseResponse_Garbage_ReturnsFalseWithReason(string text)
    {
        var ok = ContractJson.TryParseResponse(Encoding.UTF8.GetBytes(text), out var response, out var error);

        Assert.False(ok);
        Assert.Null(response);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("{\"accepted\":\"yes\"}")]
    [InlineData("{\"commands\":{}}")]
    [InlineData("{\"commands\":[\"send\"]}")]
    [InlineData("{\"commands\":[{\"code\":\"1000\"}]}")]
    [InlineData("{\"commands\":[{\"after_ms\":1.5}]}")]
    [InlineData("{\"commands\":[{\"attrs\":{\"a\":1}}]}")]
    [InlineData("{\"commands\":[{\"rooms\":\"lobby\"}]}")]
    [InlineData("{\"id\":7}")]
    public void TryParseResponse_WrongValueTypes_ReturnsFalseNamingThePath(string text)
    {
        var ok = ContractJson.TryParseResponse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Contains("$", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseResponse_InvalidUtf8_ReturnsFalse()
    {
        byte[] json = [.. "{\"id\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.False(ContractJson.TryParseResponse(json, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParseResponse_VeryDeepNesting_ReturnsFalseInsteadOfThrowing()
    {
        var deep = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.False(ContractJson.TryParseResponse(Encoding.UTF8.GetBytes(deep), out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParseCommand_HostedFrame_ReadsIt()
    {
        var json = """{"mode":"websocket","event":"close","id":"c1","code":4001,"reason":"nope","status":401}"""u8;

        Assert.True(ContractJson.TryParseCommand(json, out var command, out _));

        Assert.Equal("websocket", command!.Mode);
        Assert.Equal("close", command.Event);
        Assert.Equal(4001, command.Code);
        Assert.Equal(401, command.Status);
    }

    [Fact]
    public void TryParseCommand_Garbage_ReturnsFalse()
    {
        Assert.False(ContractJson.TryParseCommand("{\"event\":"u8, out var command, out var error));
        Assert.Null(command);
        Assert.NotNull(error);
    }

    [Fact]
    public void SerializeEvent_OmitsNullsAndUsesSnakeCase()
    {
        var bytes = ContractJson.SerializeEvent(new WorkerEvent
        {
            Event = "message",
            Id = "c1",
            RemoteAddr = "127.0.0.1",
            Opcode = "text",
            Data = "hi",
            Metadata = new MetadataSnapshot { UserId = "u1", Rooms = ["lobby"], ConnectedAt = 1770000000123, Path = "/ws" },
        });

        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        Assert.Equal("websocket_dispatch", root.GetProperty("mode").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("remote_addr").GetString());
        Assert.False(root.TryGetProperty("code", out _));
        Assert.False(root.TryGetProperty("reason", out _));
        Assert.Equal(1770000000123, root.GetProperty("metadata").GetProperty("connected_at").GetInt64());
        Assert.Equal("u1", root.GetProperty("metadata").GetProperty("user_id").GetString());
    }

    [Fact]
    public void SerializeErrorFrame_WritesTypeAndErrorClass()
    {
        var bytes = ContractJson.SerializeErrorFrame(new ClientErrorFrame { ErrorClass = ErrorClasses.AppContractError });

        Assert.Equal("""{"type":"error","error_class":"app_contract_error"}""", Encoding.UTF8.GetString(bytes));
    }
}
