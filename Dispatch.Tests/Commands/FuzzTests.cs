using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Framing;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>
/// Seeded random inputs (reproducible: the seed and case number are in every failure) against the code that reads
/// untrusted bytes. Nothing may throw; results must stay within their contracts.
/// </summary>
public sealed class FuzzTests
{
    private const int MaxFrame = 256;

    private static readonly byte[][] Seeds = new[]
    {
        """{"mode":"websocket_dispatch","id":"c1","accepted":true,"commands":[{"event":"send","data":"hi"},{"event":"join","room":"lobby"},{"event":"broadcast","room":"lobby","data":"AAEC","opcode":"binary","except_id":"c1"}]}""",
        """{"mode":"websocket_dispatch","id":"c1","commands":[{"event":"set_metadata","user_id":"u","attrs":{"a":"b"}},{"event":"replace_rooms","rooms":["x","y"]},{"event":"schedule_close","after_ms":100,"code":4000,"reason":"r"}]}""",
        """{"mode":"websocket_dispatch","event":"error","id":"c1","error_class":"app_contract_error","error":"boom"}""",
        """{"accepted":false,"commands":[{"event":"close","status":401,"reason":"no"}]}""",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    [Fact]
    public async Task FrameReader_RandomBytes_NeverThrowsAndHonoursLimits()
    {
        var random = new Random(20260101);
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var bytes = RandomFrameStream(random);
            var reader = new FrameReader(new TrickleStream(bytes, chunk: 1 + random.Next(8)), MaxFrame);
            var consumed = 0;
            try
            {
                FrameReadResult result;
                while ((result = await reader.ReadAsync(CancellationToken.None)).Success)
                {
                    using var frame = result.Frame;
                    Assert.InRange(frame.Length, 1, MaxFrame);
                    consumed += FrameCodec.HeaderSize + frame.Length;
                }

                Assert.True(Enum.IsDefined(result.Error));
                Assert.Equal(result.Error == FrameError.EndOfStream, consumed == bytes.Length);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i}: {ex}");
            }
        }
    }

    [Fact]
    public async Task BufferedFrameReader_RandomBytes_NeverThrowsAndMatchesFrameReader()
    {
        var random = new Random(20260102);
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var bytes = RandomFrameStream(random);
            var expected = new FrameReader(new MemoryStream(bytes), MaxFrame);

            // A read-ahead buffer smaller than the largest frame exercises both the buffered and the direct path.
            var reader = new BufferedFrameReader(new TrickleStream(bytes, chunk: 1 + random.Next(300)), MaxFrame, bufferBytes: 64 + random.Next(256));
            try
            {
                while (true)
                {
                    var want = await expected.ReadAsync(CancellationToken.None);
                    var got = await reader.ReadAsync(CancellationToken.None);
                    Assert.Equal(want.Error, got.Error);
                    using (var wantFrame = want.Frame)
                    using (var gotFrame = got.Frame)
                    {
                        Assert.True(wantFrame.Payload.Span.SequenceEqual(gotFrame.Payload.Span), $"case {i}");
                    }

                    if (!got.Success)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i}: {ex}");
            }
        }
    }

    [Fact]
    public void FrameCodec_ReadHeader_RandomHeaders_MatchTheSpec()
    {
        var random = new Random(7);
        Span<byte> header = stackalloc byte[4];
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            random.NextBytes(header);
            if (random.Next(2) == 0)
            {
                header[0] = header[1] = 0; // bias towards small, mostly legal lengths
            }

            var announced = BinaryPrimitives.ReadUInt32BigEndian(header);
            var error = FrameCodec.ReadHeader(header, MaxFrame * 100, out var length);

            var expected = announced == 0 ? FrameError.ZeroLength : announced > MaxFrame * 100 ? FrameError.TooLarge : FrameError.None;
            Assert.Equal(expected, error);
            Assert.Equal(expected == FrameError.None ? (int)announced : 0, length);
        }
    }

    [Fact]
    public void TryParseResponse_RandomBytes_NeverThrows()
    {
        var random = new Random(31337);
        var alphabet = "{}[]\":,0123456789-.eE truefalsnl\\u"u8.ToArray();
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var bytes = new byte[random.Next(64)];
            if (random.Next(2) == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                for (var j = 0; j < bytes.Length; j++)
                {
                    bytes[j] = alphabet[random.Next(alphabet.Length)];
                }
            }

            ParseAndValidate(bytes, i);
        }
    }

    [Fact]
    public void TryParseResponse_MutatedValidJson_NeverThrows()
    {
        var random = new Random(4242);
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var bytes = Seeds[random.Next(Seeds.Length)].ToList();
            for (var m = 1 + random.Next(4); m > 0 && bytes.Count > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, "{}[]\",:0-\\"u8[random.Next(10)]); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                    default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
                }
            }

            ParseAndValidate([.. bytes], i);
        }
    }

    [Fact]
    public void Validator_RandomCommandLists_NeverThrowAndAccountForEveryCommand()
    {
        var random = new Random(99);
        using var h = new ExecutorHarness(new LimitsOptions { MaxCommandsPerResponse = 12, MaxMessageBytes = 64, MaxRoomsPerConnection = 4 });
        h.Connect("c1");
        h.Connect("c2");
        for (var i = 0; i < FuzzIterations.Count; i++)
        {
            var commands = Enumerable.Range(0, random.Next(14)).Select(_ => RandomCommand(random)).ToList();
            var eventKind = Pick(random, "open", "message", "close");
            try
            {
                var outcome = random.Next(4) == 0
                    ? h.Validator.Validate(JsonSerializer.SerializeToUtf8Bytes(new WorkerResponse { Commands = commands }, ContractJsonContext.Default.WorkerResponse), eventKind, "c1")
                    : h.Validator.Validate(new WorkerResponse { Commands = commands }, eventKind, "c1");

                if (outcome.RejectedWhole)
                {
                    Assert.True(commands.Count > 12);
                    Assert.Empty(outcome.Commands);
                    continue;
                }

                var problemIndexes = outcome.Problems.Select(p => p.Index).Distinct().Count();
                if (outcome.Accepted)
                {
                    Assert.Equal(commands.Count, outcome.Commands.Count + problemIndexes);
                }

                Assert.All(outcome.Commands, c => Assert.Equal(
                    c.Kind is CommandKind.Send or CommandKind.SendTo or CommandKind.SendToUser or CommandKind.Broadcast,
                    c.Payload is not null));
                h.Executor.Execute("c1", outcome.Commands);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i}: {ex}");
            }
        }
    }

    private static void ParseAndValidate(byte[] bytes, int caseNumber)
    {
        var validator = new CommandValidator(new LimitsOptions());
        try
        {
            if (ContractJson.TryParseResponse(bytes, out var response, out var error))
            {
                Assert.NotNull(response);
                Assert.Null(error);
            }
            else
            {
                Assert.Null(response);
                Assert.NotNull(error);
            }

            Assert.Equal(ContractJson.TryParseCommand(bytes, out var command, out _), command is not null);
            var outcome = validator.Validate(bytes, "message", "c1");
            Assert.Equal(response is null, outcome.RejectedWhole && outcome.Problems.Count == 1 && outcome.Problems[0].Reason.StartsWith("invalid response JSON", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"case {caseNumber} ({Convert.ToHexString(bytes)}): {ex}");
        }
    }

    private static byte[] RandomFrameStream(Random random)
    {
        var bytes = new List<byte>();
        for (var frames = random.Next(4); frames > 0; frames--)
        {
            if (random.Next(3) == 0)
            {
                var junk = new byte[random.Next(1, 12)];
                random.NextBytes(junk);
                bytes.AddRange(junk);
            }
            else
            {
                var payload = new byte[random.Next(1, MaxFrame + 2)];
                random.NextBytes(payload);
                bytes.AddRange(FrameCodec.Encode(payload));
            }
        }

        if (bytes.Count > 0 && random.Next(4) == 0)
        {
            bytes.RemoveRange(random.Next(bytes.Count), 1);
        }

        return [.. bytes];
    }

    private static WorkerCommand RandomCommand(Random random) => new()
    {
        Event = Pick(random, "send", "send_to", "send_to_user", "broadcast", "join", "leave", "replace_rooms", "kick_room",
            "set_metadata", "clear_metadata", "close", "schedule_close", "accept", "set_meta", "clear_meta", "bogus", null),
        Id = Pick(random, null, null, null, "c1", "c2", ""),
        Data = Pick(random, null, "", "hello", "AAEC", "not base64!", "é", new string('x', 70), "AAAA====", " A A A A "),
        Opcode = Pick(random, null, null, "text", "binary", "ping"),
        TargetId = Pick(random, null, "c1", "c2", "ghost", ""),
        UserId = Pick(random, null, "u1", "", "u\u0001", new string('u', 300)),
        Room = Pick(random, null, "lobby", "", "a\tb", new string('r', 129), "r2"),
        Rooms = random.Next(3) == 0 ? null : Enumerable.Range(0, random.Next(7)).Select(_ => Pick(random, "a", "b", "", "c\n", "d")!).ToList(),
        ExceptId = Pick(random, null, "c1", "c2"),
        Attrs = random.Next(3) == 0 ? null : Enumerable.Range(0, random.Next(4)).ToDictionary(k => Pick(random, "role", "", "id", "k\u0000", "x" + k)! + k, _ => Pick(random, "v", "", new string('v', 5000))!),
        Keys = random.Next(2) == 0 ? null : ["role0", "x1"],
        Key = Pick(random, null, "k", "", "user_id"),
        Value = Pick(random, null, "v", ""),
        Code = random.Next(2) == 0 ? null : Pick(random, 1000, 1005, 3000, 4999, 5000, -1, int.MaxValue),
        Reason = Pick(random, null, "", "bye", new string('é', 100)),
        Status = random.Next(2) == 0 ? null : Pick(random, 401, 200, 599, 600),
        AfterMs = random.Next(2) == 0 ? null : Pick(random, 0L, 1L, -1L, 86_400_000L, 86_400_001L, long.MaxValue),
    };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
