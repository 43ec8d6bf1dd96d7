using System.Text;
using Dispatch.Commands.Validation;

namespace Dispatch.Tests.Commands;

/// <summary>One test per rule of CONTRACT 4.4 for a single command.</summary>
public sealed class CommandValidatorRuleTests
{
    private readonly ValidatorHarness _h = new(new LimitsOptions
    {
        MaxMessageBytes = 8,
        MaxRoomNameLength = 10,
        MaxRoomsPerConnection = 3,
        MaxAttrsPerConnection = 2,
        MaxAttrKeyLength = 5,
        MaxAttrValueLength = 6,
        MaxUserIdLength = 8,
        MaxCloseReasonBytes = 4,
    });

    [Theory]
    [InlineData("""{"event":"teleport"}""")]
    [InlineData("""{"event":"SEND","data":"x"}""")]
    [InlineData("""{"data":"x"}""")]
    public void Validate_UnknownEvent_IsRejected(string command)
    {
        Assert.Contains("unknown command event", _h.Rejected(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullCommand_IsRejected()
    {
        Assert.Contains("null", _h.Rejected("null"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event":"send","data":"x","opcode":"ping"}""")]
    [InlineData("""{"event":"send_to","target_id":"t","data":"x","opcode":"TEXT"}""")]
    [InlineData("""{"event":"join","room":"r","opcode":"close"}""")]
    public void Validate_OpcodeOtherThanTextOrBinary_IsRejected(string command)
    {
        Assert.Contains("opcode", _h.Rejected(command), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAA")]
    [InlineData("AA=A")]
    public void Validate_BinaryDataNotBase64_IsRejected(string data)
    {
        var reasons = _h.Rejected($$"""{"event":"send","opcode":"binary","data":"{{data}}"}""");

        Assert.Contains("base64", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BinaryData_IsDecodedOnceIntoPayload()
    {
        var command = _h.Accepted("""{"event":"send","opcode":"binary","data":"AAEC/w=="}""");

        Assert.True(command.Payload!.IsBinary);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, command.Payload.Payload.ToArray());
    }

    [Fact]
    public void Validate_TextPayloadAtLimitInUtf8Bytes_IsAccepted()
    {
        // 4 two-byte chars: 8 UTF-8 bytes, exactly the limit.
        var command = _h.Accepted("""{"event":"broadcast","room":"r","data":"éééé"}""");

        Assert.False(command.Payload!.IsBinary);
        Assert.Equal(Encoding.UTF8.GetBytes("éééé"), command.Payload.Payload.ToArray());
    }

    [Fact]
    public void Validate_TextPayloadAboveLimitInUtf8Bytes_IsRejected()
    {
        // 5 chars but 9 UTF-8 bytes: the limit counts bytes, not chars.
        Assert.Contains("above 8", _h.Rejected("""{"event":"send","data":"éééé!"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BinaryPayloadMeasuredDecoded_AcceptsEightBytesRejectsNine()
    {
        // 8 bytes encode to 12 base64 chars: the decoded size is what counts.
        _h.Accepted("""{"event":"send","opcode":"binary","data":"AAAAAAAAAAA="}""");

        Assert.Contains("9 bytes", _h.Rejected("""{"event":"send","opcode":"binary","data":"AAAAAAAAAAAA"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event":"send"}""", "data")]
    [InlineData("""{"event":"send_to","data":"x"}""", "target_id")]
    [InlineData("""{"event":"send_to","target_id":"","data":"x"}""", "target_id")]
    [InlineData("""{"event":"send_to","target_id":"t"}""", "data")]
    [InlineData("""{"event":"send_to_user","data":"x"}""", "user_id")]
    [InlineData("""{"event":"send_to_user","user_id":"u"}""", "data")]
    [InlineData("""{"event":"broadcast","data":"x"}""", "room")]
    [InlineData("""{"event":"broadcast","room":"r"}""", "data")]
    [InlineData("""{"event":"join"}""", "room")]
    [InlineData("""{"event":"leave"}""", "room")]
    [InlineData("""{"event":"kick_room"}""", "room")]
    [InlineData("""{"event":"replace_rooms"}""", "rooms")]
    [InlineData("""{"event":"schedule_close"}""", "after_ms")]
    [InlineData("""{"event":"set_meta","value":"v"}""", "key")]
    [InlineData("""{"event":"set_meta","key":"k"}""", "value")]
    [InlineData("""{"event":"clear_meta"}""", "key")]
    public void Validate_MissingRequiredField_IsRejectedNamingIt(string command, string field)
    {
        Assert.Contains("requires " + field, _h.Rejected(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SendWithEmptyData_IsAccepted()
    {
        var command = _h.Accepted("""{"event":"send","data":""}""");

        Assert.Equal(0, command.Payload!.Payload.Length);
    }

    [Theory]
    [InlineData("""{"event":"join","room":""}""", "empty")]
    [InlineData("""{"event":"leave","room":"abcdefghijk"}""", "11 chars")]
    [InlineData("""{"event":"kick_room","room":"a\u0001b"}""", "control")]
    [InlineData("""{"event":"broadcast","room":"a\nb","data":"x"}""", "control")]
    [InlineData("""{"event":"join","room":"\u007f"}""", "control")]
    public void Validate_BadRoomName_IsRejected(string command, string expected)
    {
        Assert.Contains(expected, _h.Rejected(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RoomNameAtMaxLength_IsAccepted()
    {
        _h.Accepted("""{"event":"join","room":"abcdefghij"}""");
    }

    [Fact]
    public void Validate_ReplaceRoomsTooMany_IsRejected()
    {
        Assert.Contains("4 rooms", _h.Rejected("""{"event":"replace_rooms","rooms":["a","b","c","d"]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReplaceRoomsWithBadNames_ReportsFirstAndCount()
    {
        var reasons = _h.Rejected("""{"event":"replace_rooms","rooms":["ok","","x\ty"]}""");

        Assert.Contains("empty", reasons, StringComparison.Ordinal);
        Assert.Contains("1 more", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReplaceRoomsEmptyList_IsAccepted()
    {
        _h.Accepted("""{"event":"replace_rooms","rooms":[]}""");
    }

    [Theory]
    [InlineData("""{"a":"1","b":"2","c":"3"}""", "3 keys")]
    [InlineData("""{"":"1"}""", "key is empty")]
    [InlineData("""{"abcdef":"1"}""", "6 chars")]
    [InlineData("""{"a\tb":"1"}""", "control")]
    [InlineData("""{"a":"1234567"}""", "7 chars")]
    [InlineData("""{"a":null}""", "null")]
    public void Validate_AttrsOverLimitsOrMalformed_IsRejected(string attrs, string expected)
    {
        var reasons = _h.Rejected("""{"event":"set_metadata","attrs":""" + attrs + "}");

        Assert.Contains(expected, reasons, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("path")]
    [InlineData("rooms")]
    [InlineData("connected_at")]
    [InlineData("remote_addr")]
    [InlineData("user_id")]
    public void Validate_ReservedMetadataKeyInAttrs_IsRejected(string key)
    {
        var reasons = _h.Rejected("{\"event\":\"set_metadata\",\"attrs\":{\"" + key + "\":\"x\"}}");

        Assert.Contains("reserved", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReservedKeyThroughSetMetaAlias_IsRejected()
    {
        Assert.Contains("reserved", _h.Rejected("""{"event":"set_meta","key":"user_id","value":"u-1"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event":"set_metadata","user_id":""}""", "empty")]
    [InlineData("""{"event":"set_metadata","user_id":"123456789"}""", "9 chars")]
    [InlineData("""{"event":"send_to_user","user_id":"u\u0000","data":"x"}""", "control")]
    public void Validate_BadUserId_IsRejected(string command, string expected)
    {
        Assert.Contains(expected, _h.Rejected(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptOnNonOpenEvent_IsRejected()
    {
        Assert.Contains("open only", _h.RejectedOn("message", """{"event":"accept"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StatusOnCloseOfNonOpenEvent_IsRejected()
    {
        Assert.Contains("open only", _h.RejectedOn("close", """{"event":"close","status":403}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptOnOpen_IsAccepted()
    {
        Assert.Equal(CommandKind.Accept, _h.AcceptedOn("open", """{"event":"accept"}""").Kind);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public void Validate_ValidCloseCode_IsAccepted(int code)
    {
        _h.Accepted($$"""{"event":"close","code":{{code}}}""");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(2000)]
    [InlineData(2999)]
    [InlineData(5000)]
    [InlineData(-1)]
    public void Validate_InvalidCloseCode_IsRejected(int code)
    {
        Assert.Contains("close code", _h.Rejected($$"""{"event":"close","code":{{code}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidCodeOnScheduleClose_IsRejected()
    {
        Assert.Contains("close code", _h.Rejected("""{"event":"schedule_close","after_ms":5,"code":1006}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CloseReasonOverByteLimit_IsRejected()
    {
        // "éé" is 4 UTF-8 bytes (at the limit); "ééa" is 5.
        _h.Accepted("""{"event":"close","reason":"éé"}""");

        Assert.Contains("UTF-8 bytes", _h.Rejected("""{"event":"close","reason":"ééa"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_400_001)]
    public void Validate_ScheduleCloseOutOfRange_IsRejected(long afterMs)
    {
        Assert.Contains("after_ms", _h.Rejected($$"""{"event":"schedule_close","after_ms":{{afterMs}}}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86_400_000)]
    public void Validate_ScheduleCloseAtBounds_IsAccepted(long afterMs)
    {
        _h.Accepted($$"""{"event":"schedule_close","after_ms":{{afterMs}}}""");
    }

    [Theory]
    [InlineData(399)]
    [InlineData(200)]
    [InlineData(600)]
    public void Validate_OpenCloseStatusOutsideHttpErrors_IsRejected(int status)
    {
        var reasons = _h.RejectedOn("open", $$"""{"event":"close","status":{{status}}}""");

        Assert.Contains("400-599", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CommandIdOfAnotherConnection_IsRejected()
    {
        Assert.Contains("not the connection", _h.Rejected("""{"event":"join","id":"someone-else","room":"r"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CommandIdOfOwnConnection_IsAccepted()
    {
        _h.Accepted($$"""{"event":"join","id":"{{ValidatorHarness.Self}}","room":"r"}""");
    }

    [Fact]
    public void Validate_CloseWithTargetIdAndSourceId_IsAcceptedAsTargetedClose()
    {
        // vhttpd workers send the source connection in id and the victim in target_id.
        var command = _h.Accepted("""{"event":"close","id":"source-elsewhere","target_id":"victim","code":1008}""");

        Assert.Equal("victim", command.Source.TargetId);
    }

    [Fact]
    public void Validate_OneCommandWithSeveralProblems_ReportsEachOne()
    {
        var outcome = _h.Run("""{"event":"broadcast","id":"other","room":"","opcode":"nope","data":"x"}""");

        Assert.Empty(outcome.Commands);
        var reasons = outcome.Problems.Select(p => p.Reason).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("not the connection", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("opcode", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("empty", StringComparison.Ordinal));
        Assert.All(outcome.Problems, p => Assert.Equal(0, p.Index));
    }

    [Fact]
    public void Validate_WorkerTextInReason_IsQuotedTruncatedAndDefanged()
    {
        var reasons = _h.Rejected("""{"event":"evil\n2026-01-01 FAKE LOG LINE that goes on and on and on and on and on"}""");

        Assert.DoesNotContain("\n", reasons, StringComparison.Ordinal);
        Assert.Contains("...", reasons, StringComparison.Ordinal);
    }
}
