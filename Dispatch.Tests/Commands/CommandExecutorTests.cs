using Dispatch.Commands.Contract;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Validation;

namespace Dispatch.Tests.Commands;

public sealed class CommandExecutorTests : IDisposable
{
    private readonly ExecutorHarness _h = new(new LimitsOptions { MaxRoomsPerConnection = 2 });

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Execute_Send_QueuesThePrecomputedPayloadToSelf()
    {
        var self = _h.Connect("self");
        var outcome = _h.Validate("self", """{"event":"send","data":"hi"}""");

        var result = _h.Executor.Execute("self", outcome.Commands);

        Assert.Equal(new ExecutionResult(1, 0, 0, false), result);
        Assert.Same(outcome.Commands[0].Payload, Assert.Single(self.Sent));
    }

    [Fact]
    public void Execute_SendBinary_QueuesDecodedBinaryFrame()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"send","opcode":"binary","data":"3q2+7w=="}""");

        var frame = Assert.Single(self.Sent);
        Assert.True(frame.IsBinary);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, frame.Payload.ToArray());
    }

    [Fact]
    public void Execute_SendTo_KnownTargetGetsFrameUnknownIsCounted()
    {
        _h.Connect("self");
        var other = _h.Connect("other");

        var result = _h.Run("self",
            """{"event":"send_to","target_id":"other","data":"psst"}""",
            """{"event":"send_to","target_id":"gone","data":"psst"}""");

        Assert.Equal(new ExecutionResult(1, 1, 0, false), result);
        Assert.Equal(["psst"], other.SentTexts);
        Assert.Equal(1, _h.Metrics.UnknownTargets);
    }

    [Fact]
    public void Execute_SendToUser_ReachesAllConnectionsOfThatUser()
    {
        _h.Connect("self");
        var phone = _h.Connect("phone");
        var laptop = _h.Connect("laptop");
        _h.Run("phone", """{"event":"set_metadata","user_id":"u1"}""");
        _h.Run("laptop", """{"event":"set_metadata","user_id":"u1"}""");

        var result = _h.Run("self",
            """{"event":"send_to_user","user_id":"u1","data":"ding"}""",
            """{"event":"send_to_user","user_id":"nobody","data":"ding"}""");

        Assert.Equal(new ExecutionResult(1, 1, 0, false), result);
        Assert.Equal(["ding"], phone.SentTexts);
        Assert.Equal(["ding"], laptop.SentTexts);
    }

    [Fact]
    public void Execute_Broadcast_ReachesRoomExceptExceptId()
    {
        var self = _h.Connect("self");
        var a = _h.Connect("a");
        var b = _h.Connect("b");
        foreach (var id in new[] { "self", "a", "b" })
        {
            _h.Run(id, """{"event":"join","room":"lobby"}""");
        }

        _h.Run("self", """{"event":"broadcast","room":"lobby","data":"hey","except_id":"self"}""");

        Assert.Empty(self.Sent);
        Assert.Equal(["hey"], a.SentTexts);
        Assert.Same(a.Sent[0], b.Sent[0]);
    }

    [Fact]
    public void Execute_CommandsApplyInListOrder()
    {
        var self = _h.Connect("self");

        _h.Run("self",
            """{"event":"join","room":"r"}""",
            """{"event":"broadcast","room":"r","data":"while-in"}""",
            """{"event":"leave","room":"r"}""",
            """{"event":"broadcast","room":"r","data":"after-leave"}""",
            """{"event":"send","data":"direct"}""");

        Assert.Equal(["while-in", "direct"], self.SentTexts);
    }

    [Fact]
    public void Execute_JoinLeaveReplaceKick_ChangeMembership()
    {
        _h.Connect("self");
        _h.Connect("other");
        _h.Run("other", """{"event":"join","room":"k"}""");

        _h.Run("self", """{"event":"join","room":"a"}""", """{"event":"join","room":"k"}""");
        Assert.Equal(["a", "k"], _h.Hub.GetSnapshot("self")!.Rooms);

        _h.Run("self", """{"event":"replace_rooms","rooms":["b","a"]}""");
        Assert.Equal(["a", "b"], _h.Hub.GetSnapshot("self")!.Rooms);

        _h.Run("self", """{"event":"leave","room":"a"}""", """{"event":"kick_room","room":"k"}""");
        Assert.Equal(["b"], _h.Hub.GetSnapshot("self")!.Rooms);
        Assert.Empty(_h.Hub.GetRoomMembers("k"));
    }

    [Fact]
    public void Execute_JoinBeyondRoomLimit_IsRefusedAndOthersStillApply()
    {
        var self = _h.Connect("self");

        var result = _h.Run("self",
            """{"event":"join","room":"1"}""",
            """{"event":"join","room":"2"}""",
            """{"event":"join","room":"3"}""",
            """{"event":"send","data":"still here"}""");

        Assert.Equal(new ExecutionResult(3, 0, 1, false), result);
        Assert.Equal(["still here"], self.SentTexts);
    }

    [Fact]
    public void Execute_SetAndClearMetadata_IncludingAliases()
    {
        _h.Connect("self");

        _h.Run("self",
            """{"event":"set_metadata","user_id":"u7","attrs":{"role":"member","lang":"en"}}""",
            """{"event":"set_meta","key":"role","value":"admin"}""",
            """{"event":"clear_meta","key":"lang"}""");
        var afterSet = _h.Hub.GetSnapshot("self")!;
        _h.Run("self", """{"event":"clear_metadata"}""");

        Assert.Equal("u7", afterSet.UserId);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "admin" }, afterSet.Attrs);
        Assert.Empty(_h.Hub.GetSnapshot("self")!.Attrs);
        Assert.Equal(["self"], _h.Hub.GetUserConnections("u7"));
    }

    [Fact]
    public void Execute_CloseSelf_ClosesWithDefaultsAndReportsClosedSelf()
    {
        var self = _h.Connect("self");

        var result = _h.Run("self", """{"event":"close"}""");

        Assert.True(result.ClosedSelf);
        Assert.Equal([(1000, "")], self.Closes);
    }

    [Fact]
    public void Execute_CloseSelfWithCodeAndReason_UsesThem()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"close","code":4000,"reason":"done"}""");

        Assert.Equal([(4000, "done")], self.Closes);
    }

    [Fact]
    public void Execute_CloseWithTarget_ClosesTheTargetNotSelf()
    {
        var self = _h.Connect("self");
        var old = _h.Connect("old-tab");

        var result = _h.Run("self",
            """{"event":"close","target_id":"old-tab","code":1008,"reason":"replaced"}""",
            """{"event":"close","target_id":"gone"}""");

        Assert.Equal(new ExecutionResult(1, 1, 0, false), result);
        Assert.Empty(self.Closes);
        Assert.Equal([(1008, "replaced")], old.Closes);
    }

    [Fact]
    public void Execute_CommandsAfterSelfClose_StillApply()
    {
        _h.Connect("self");
        var friend = _h.Connect("friend");

        var result = _h.Run("self", """{"event":"close"}""", """{"event":"send_to","target_id":"friend","data":"bye"}""");

        Assert.Equal(2, result.Applied);
        Assert.Equal(["bye"], friend.SentTexts);
    }

    [Fact]
    public void Execute_ForAnUnregisteredConnection_CountsUnknownTargets()
    {
        var result = _h.Run("gone", """{"event":"join","room":"r"}""", """{"event":"send","data":"x"}""", """{"event":"set_metadata","attrs":{"a":"b"}}""");

        Assert.Equal(new ExecutionResult(0, 3, 0, false), result);
        Assert.Equal(0, _h.Hub.RoomCount);
    }

    [Fact]
    public void Execute_Accept_IsANoOp()
    {
        _h.Connect("self");
        var outcome = _h.Validator.Validate(new WorkerResponse { Commands = [new WorkerCommand { Event = "accept" }] }, WireNames.Open, "self");

        Assert.Equal(new ExecutionResult(1, 0, 0, false), _h.Executor.Execute("self", outcome.Commands));
    }

    [Fact]
    public void Execute_SendWithoutPrecomputedPayload_IsRefused()
    {
        var self = _h.Connect("self");
        var handMade = new ValidCommand(CommandKind.Send, new WorkerCommand { Event = "send", Data = "x" });

        var result = _h.Executor.Execute("self", [handMade]);

        Assert.Equal(1, result.Refused);
        Assert.Empty(self.Sent);
    }

    [Fact]
    public void Execute_CountsAppliedCommandsInMetrics()
    {
        _h.Connect("self");

        _h.Run("self", """{"event":"join","room":"a"}""", """{"event":"send","data":"x"}""");

        Assert.Equal(2, _h.Metrics.CommandsApplied);
        Assert.Equal(1, _h.Metrics.MessagesSent);
    }
}
