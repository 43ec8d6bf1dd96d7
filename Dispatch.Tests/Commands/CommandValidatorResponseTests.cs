using Dispatch.Commands.Contract;
using Dispatch.Commands.Validation;

namespace Dispatch.Tests.Commands;

/// <summary>Whole-response rules, aliases, worker errors and open accept/reject (CONTRACT 4.2-4.4).</summary>
public sealed class CommandValidatorResponseTests
{
    private readonly ValidatorHarness _h = new(new LimitsOptions { MaxCommandsPerResponse = 4 });

    [Fact]
    public void Validate_SeveralBadCommands_ReportsAllWhileGoodOnesRemainInOrder()
    {
        var outcome = _h.Run(
            """{"event":"send","data":"one"}""",
            """{"event":"join","room":""}""",
            """{"event":"teleport"}""",
            """{"event":"send","data":"two","opcode":"ping"}""");

        Assert.False(outcome.RejectedWhole);
        Assert.Equal([1, 2, 3], outcome.Problems.Select(p => p.Index));
        Assert.Equal("join", outcome.Problems[0].Event);
        var good = Assert.Single(outcome.Commands);
        Assert.Equal("one", good.Source.Data);
        Assert.Equal(3, _h.Metrics.CommandsRejected);
    }

    [Fact]
    public void Validate_GoodCommands_KeepListOrderAndKinds()
    {
        var outcome = _h.Run(
            """{"event":"join","room":"a"}""",
            """{"event":"broadcast","room":"a","data":"x","except_id":"c9"}""",
            """{"event":"leave","room":"a"}""",
            """{"event":"close"}""");

        Assert.Empty(outcome.Problems);
        Assert.Equal(
            [CommandKind.Join, CommandKind.Broadcast, CommandKind.Leave, CommandKind.Close],
            outcome.Commands.Select(c => c.Kind));
        Assert.NotNull(outcome.Commands[1].Payload);
        Assert.Null(outcome.Commands[0].Payload);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"commands\":\"send\"}")]
    [InlineData("{\"commands\":[{\"event\":\"send\",\"data\":7}]}")]
    public void Validate_InvalidJsonOrShape_RejectsWhole(string json)
    {
        var outcome = _h.Response(json);

        Assert.True(outcome.RejectedWhole);
        Assert.Empty(outcome.Commands);
        Assert.Equal(-1, Assert.Single(outcome.Problems).Index);
        Assert.Equal(1, _h.Metrics.ResponsesRejected);
    }

    [Fact]
    public void Validate_MoreCommandsThanLimit_RejectsWhole()
    {
        var send = """{"event":"send","data":"x"}""";

        var atLimit = _h.Run(send, send, send, send);
        var aboveLimit = _h.Run(send, send, send, send, send);

        Assert.False(atLimit.RejectedWhole);
        Assert.True(aboveLimit.RejectedWhole);
        Assert.Empty(aboveLimit.Commands);
        Assert.Contains("5 commands", aboveLimit.Problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongMode_RejectsWhole()
    {
        var outcome = _h.Response("""{"mode":"websocket","commands":[{"event":"send","data":"x"}]}""");

        Assert.True(outcome.RejectedWhole);
        Assert.Empty(outcome.Commands);
    }

    [Fact]
    public void Validate_IdOfAnotherConnection_RejectsWhole()
    {
        var outcome = _h.Response("""{"id":"someone-else","commands":[{"event":"send","data":"x"}]}""");

        Assert.True(outcome.RejectedWhole);
        Assert.Contains("someone-else", outcome.Problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongModeAndWrongId_ReportsBoth()
    {
        var outcome = _h.Response("""{"mode":"x","id":"y"}""");

        Assert.True(outcome.RejectedWhole);
        Assert.Equal(2, outcome.Problems.Count);
    }

    [Fact]
    public void Validate_ModeAndIdAbsent_AreAccepted()
    {
        var outcome = _h.Response("""{"commands":[{"event":"send","data":"x"}]}""");

        Assert.False(outcome.RejectedWhole);
        Assert.Single(outcome.Commands);
    }

    [Fact]
    public void Validate_NoCommands_IsAnEmptySuccess()
    {
        var outcome = _h.Response("{}");

        Assert.False(outcome.RejectedWhole);
        Assert.False(outcome.IsWorkerError);
        Assert.Empty(outcome.Commands);
        Assert.True(outcome.Accepted);
    }

    [Theory]
    [InlineData("worker_runtime_error", "worker_runtime_error")]
    [InlineData("app_contract_error", "app_contract_error")]
    [InlineData("worker_timeout", "worker_runtime_error")]
    [InlineData("anything", "worker_runtime_error")]
    public void Validate_WorkerErrorResponse_NormalisesErrorClassAndKeepsText(string given, string expected)
    {
        var outcome = _h.Response($$"""{"event":"error","error_class":"{{given}}","error":"PDOException: secret dsn"}""");

        Assert.True(outcome.IsWorkerError);
        Assert.Equal(expected, outcome.WorkerErrorClass);
        Assert.Equal("PDOException: secret dsn", outcome.WorkerErrorText);
        Assert.Empty(outcome.Commands);
        Assert.False(outcome.RejectedWhole);
    }

    [Fact]
    public void Validate_WorkerErrorWithoutClass_IsRuntimeError()
    {
        Assert.Equal(ErrorClasses.WorkerRuntimeError, _h.Response("""{"event":"error"}""").WorkerErrorClass);
    }

    [Fact]
    public void Validate_SetMetaAlias_BecomesSetMetadataWithOneAttr()
    {
        var command = _h.Accepted("""{"event":"set_meta","key":"role","value":"admin"}""");

        Assert.Equal(CommandKind.SetMetadata, command.Kind);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "admin" }, command.Source.Attrs);
        Assert.Null(command.Source.UserId);
    }

    [Fact]
    public void Validate_ClearMetaAlias_BecomesClearMetadataOfThatKey()
    {
        var command = _h.Accepted("""{"event":"clear_meta","key":"role"}""");

        Assert.Equal(CommandKind.ClearMetadata, command.Kind);
        Assert.Equal(["role"], command.Source.Keys!);
    }

    [Fact]
    public void Validate_ClearMetadataWithoutKeys_MeansAllAttrs()
    {
        var command = _h.Accepted("""{"event":"clear_metadata"}""");

        Assert.Null(command.Source.Keys);
    }

    [Fact]
    public void Validate_SendWithTargetIdOfAnother_IsSendTo()
    {
        var command = _h.Accepted("""{"event":"send","target_id":"other","data":"x"}""");

        Assert.Equal(CommandKind.SendTo, command.Kind);
    }

    [Fact]
    public void Validate_SendWithOwnTargetId_StaysSend()
    {
        Assert.Equal(CommandKind.Send, _h.Accepted($$"""{"event":"send","target_id":"{{ValidatorHarness.Self}}","data":"x"}""").Kind);
    }

    [Fact]
    public void Validate_OpenWithAccept_IsAcceptedAndKeepsCommands()
    {
        var outcome = _h.RunOn("open", """{"event":"accept"}""", """{"event":"join","room":"lobby"}""");

        Assert.True(outcome.Accepted);
        Assert.Equal(2, outcome.Commands.Count);
    }

    [Fact]
    public void Validate_OpenWithAcceptedFalse_IsRejectedWith403AndAppliesNothing()
    {
        var outcome = _h.Response("""{"accepted":false,"commands":[{"event":"join","room":"lobby"}]}""", "open");

        Assert.False(outcome.Accepted);
        Assert.Equal(403, outcome.RejectStatus);
        Assert.Empty(outcome.Commands);
    }

    [Fact]
    public void Validate_OpenWithSelfClose_IsRejectedWithItsStatusAndReason()
    {
        var outcome = _h.RunOn(
            "open",
            """{"event":"send","data":"never"}""",
            """{"event":"close","code":4001,"reason":"no token","status":401}""");

        Assert.False(outcome.Accepted);
        Assert.Equal(401, outcome.RejectStatus);
        Assert.Equal("no token", outcome.RejectReason);
        Assert.Empty(outcome.Commands);
    }

    [Fact]
    public void Validate_OpenWithCloseWithoutStatus_DefaultsTo403()
    {
        var outcome = _h.RunOn("open", """{"event":"close"}""");

        Assert.False(outcome.Accepted);
        Assert.Equal(403, outcome.RejectStatus);
    }

    [Fact]
    public void Validate_OpenWithSeveralCloses_LastOneSetsStatus()
    {
        var outcome = _h.RunOn("open", """{"event":"close","status":401}""", """{"event":"close","status":429}""");

        Assert.Equal(429, outcome.RejectStatus);
    }

    [Fact]
    public void Validate_OpenWithInvalidClose_DoesNotReject()
    {
        // The close is skipped (bad status), so nothing rejects the open.
        var outcome = _h.RunOn("open", """{"event":"close","status":302}""", """{"event":"join","room":"a"}""");

        Assert.True(outcome.Accepted);
        Assert.Single(outcome.Commands);
        Assert.Single(outcome.Problems);
    }

    [Fact]
    public void Validate_OpenWithCloseOfAnotherConnection_StaysAccepted()
    {
        var outcome = _h.RunOn("open", """{"event":"close","target_id":"older-tab","code":1008}""");

        Assert.True(outcome.Accepted);
        Assert.Single(outcome.Commands);
    }

    [Fact]
    public void Validate_AcceptedFalseOnMessage_IsIgnored()
    {
        var outcome = _h.Response("""{"accepted":false,"commands":[{"event":"send","data":"x"}]}""", "message");

        Assert.True(outcome.Accepted);
        Assert.Single(outcome.Commands);
    }

    [Fact]
    public void ValidateCommands_HostedFrames_ApplyCommandRulesWithoutEnvelope()
    {
        var commands = new List<WorkerCommand>
        {
            new() { Mode = "websocket", Event = "send", Data = "x" },
            new() { Mode = "websocket", Event = "join", Room = "" },
        };

        var outcome = _h.Validator.ValidateCommands(commands, WireNames.Message, ValidatorHarness.Self);

        Assert.Single(outcome.Commands);
        Assert.Single(outcome.Problems);
    }

    [Fact]
    public void Validate_DoesNotMutateTheWorkersCommand()
    {
        var original = new WorkerCommand { Event = "set_meta", Key = "k", Value = "v" };

        var outcome = _h.Validator.Validate(new WorkerResponse { Commands = [original] }, WireNames.Message, ValidatorHarness.Self);

        Assert.Null(original.Attrs);
        Assert.Equal("v", outcome.Commands[0].Source.Attrs!["k"]);
    }
}
