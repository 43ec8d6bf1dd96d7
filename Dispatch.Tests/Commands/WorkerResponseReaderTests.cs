using System.Text;
using System.Text.Json;
using Dispatch.Commands.Contract;

namespace Dispatch.Tests.Commands;

/// <summary>
/// The single-pass reply reader must read whatever it accepts exactly as the generated serializer does, and decline
/// (leaving the verdict and the error message to the serializer) whatever it does not fully understand.
/// </summary>
public sealed class WorkerResponseReaderTests
{
    private static readonly string[] AcceptedJson =
    [
        """{"mode":"websocket_dispatch","id":"c1","accepted":true,"commands":[{"event":"send","data":"hi"}]}""",
        """{"mode":"websocket_dispatch","id":"c1","accepted":true,"commands":[{"event":"broadcast","room":"lobby","data":"AAEC","opcode":"binary","except_id":"c1"},{"event":"send_to","target_id":"c2","data":"x"}]}""",
        """{"mode":"websocket_dispatch","id":"c1","commands":[{"event":"set_metadata","user_id":"u","attrs":{"a":"b","c":""}},{"event":"replace_rooms","rooms":["x","y"]},{"event":"schedule_close","after_ms":9007199254740991,"code":4000,"reason":"r"}]}""",
        """{"mode":"websocket_dispatch","event":"error","id":"c1","error_class":"app_contract_error","error":"boom"}""",
        """{"accepted":false,"commands":[{"event":"close","status":401,"reason":"no","code":null}]}""",
        """{"commands":[{"event":"unset_metadata","keys":["a","b"]},{"event":"set","key":"k","value":"v"},{"mode":"m","id":"i","error_class":"e","error":"x"}]}""",
        """  {"mod\u0065":null, "commands" : [ ] , "accepted" : null}  """,
        """{"id":"\u00e9\ud83d\ude00 \"quoted\" \\ \n","commands":null}""",
        """{"commands":[{"event":"send","data":"\u003cb\u003e \u0000 \t"},{"rooms":[],"attrs":{}}]}""",
        "{}",
        """{"mode":"websocket_dispatch","commands":[{"event":"s\u0065nd","data":"x","opcode":"t\u0065xt"},{"event":"sendx"},{"event":"sen"}]}""",
    ];

    public static TheoryData<string> Accepted => new(AcceptedJson);

    public static TheoryData<string> Declined => new()
    {
        """{"mode":"websocket_dispatch","unknown":1}""",
        """{"id":"a","id":"b"}""",
        """{"commands":[{"event":"send","event":"join"}]}""",
        """{"id":5}""",
        """{"accepted":"yes"}""",
        """{"commands":[{"code":1.5}]}""",
        """{"commands":[{"code":4294967296}]}""",
        """{"commands":[{"status":"401"}]}""",
        """{"commands":[null]}""",
        """{"commands":[{"rooms":["a",null]}]}""",
        """{"commands":[{"attrs":{"a":null}}]}""",
        """{"commands":[{"attrs":{"a":"1","a":"2"}}]}""",
        """{"commands":{"event":"send"}}""",
        """{"id":"a"} trailing""",
        """{"id":"a"}{"id":"b"}""",
        """{"id":"a",}""",
        """{"id":"a" /* comment */}""",
        """[{"id":"a"}]""",
        "null",
        "",
        """{"id":"a""",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryRead_WellFormedReply_ReadsWhatTheSerializerReads(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(WorkerResponseReader.TryRead(utf8, out var fast));
        AssertSameAsSerializer(utf8, fast, json);
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void TryRead_AnythingItDoesNotFullyUnderstand_Declines(string json)
    {
        Assert.False(WorkerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), out var response));
        Assert.Null(response);
    }

    [Fact]
    public void TryRead_WireNames_AreReadAsTheSharedStrings()
    {
        var json = """{"mode":"websocket_dispatch","commands":[{"event":"broadcast","room":"r","data":"d","opcode":"binary"}]}"""u8.ToArray();

        Assert.True(WorkerResponseReader.TryRead(json, out var first));
        Assert.True(WorkerResponseReader.TryRead(json, out var second));

        Assert.Same(first.Mode, second.Mode);
        Assert.Same(first.Commands![0].Event, second.Commands![0].Event);
        Assert.Same(first.Commands[0].Opcode, second.Commands[0].Opcode);
        Assert.Equal("broadcast", first.Commands[0].Event);
        Assert.NotSame(first.Commands[0].Data, second.Commands[0].Data);
    }

    [Fact]
    public void TryRead_InvalidUtf8InAString_Declines()
    {
        byte[] json = [.. """{"id":" """u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.False(WorkerResponseReader.TryRead(json, out _));
    }

    [Fact]
    public void TryParseResponse_DeclinedReply_StillGetsTheSerializersMessage()
    {
        Assert.False(ContractJson.TryParseResponse("""{"commands":[{"code":1.5}]}"""u8, out _, out var error));

        Assert.Contains("$.commands[0].code", error);
    }

    [Fact]
    public void TryRead_MutatedReplies_AcceptOnlyWhatTheSerializerReadsAlike()
    {
        var seeds = AcceptedJson.Select(Encoding.UTF8.GetBytes).ToArray();
        var random = new Random(20261123);
        var accepted = 0;
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var bytes = seeds[random.Next(seeds.Length)].ToList();
            for (var m = random.Next(3); m > 0 && bytes.Count > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, "{}[]\",:0-\\n1 "u8[random.Next(13)]); break;
                    default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
                }
            }

            var utf8 = bytes.ToArray();
            if (WorkerResponseReader.TryRead(utf8, out var fast))
            {
                accepted++;
                AssertSameAsSerializer(utf8, fast, $"case {i}: {Encoding.UTF8.GetString(utf8)}");
            }
        }

        // The unmutated third of the cases at least: the fast path is really taken.
        Assert.True(accepted > FuzzIterations.Count / 4, $"only {accepted} of {FuzzIterations.Count} accepted");
    }

    private static void AssertSameAsSerializer(byte[] utf8, WorkerResponse fast, string because)
    {
        var reference = JsonSerializer.Deserialize(utf8, ContractJsonContext.Default.WorkerResponse);
        Assert.NotNull(reference);
        var type = ContractJsonContext.Default.WorkerResponse;
        Assert.True(
            JsonSerializer.Serialize(reference, type) == JsonSerializer.Serialize(fast, type),
            because);
    }
}
