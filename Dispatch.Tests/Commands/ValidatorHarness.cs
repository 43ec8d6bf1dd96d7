using System.Text;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation;

namespace Dispatch.Tests.Commands;

/// <summary>Builds responses around command JSON and validates them for connection <see cref="Self"/>.</summary>
internal sealed class ValidatorHarness
{
    public const string Self = "conn-self";

    public ValidatorHarness(LimitsOptions? limits = null)
    {
        Limits = limits ?? new LimitsOptions();
        Validator = new CommandValidator(Limits, logger: null, Metrics);
    }

    public LimitsOptions Limits { get; }
    public DispatchMetrics Metrics { get; } = new();
    public CommandValidator Validator { get; }

    public ValidationOutcome Response(string responseJson, string eventKind = "message") =>
        Validator.Validate(Encoding.UTF8.GetBytes(responseJson), eventKind, Self);

    /// <summary>Validates <c>{"commands":[...]}</c> holding the given command objects.</summary>
    public ValidationOutcome RunOn(string eventKind, params string[] commands) =>
        Response("{\"mode\":\"websocket_dispatch\",\"id\":\"" + Self + "\",\"commands\":[" + string.Join(",", commands) + "]}", eventKind);

    public ValidationOutcome Run(params string[] commands) => RunOn("message", commands);

    /// <summary>Asserts the single command was rejected and returns the reasons.</summary>
    public string Rejected(string command) => RejectedOn("message", command);

    public string RejectedOn(string eventKind, string command)
    {
        var outcome = RunOn(eventKind, command);
        Assert.False(outcome.RejectedWhole);
        Assert.Empty(outcome.Commands);
        Assert.NotEmpty(outcome.Problems);
        return string.Join(" | ", outcome.Problems.Select(p => p.Reason));
    }

    public ValidCommand AcceptedOn(string eventKind, string command)
    {
        var outcome = RunOn(eventKind, command);
        Assert.Empty(outcome.Problems);
        return Assert.Single(outcome.Commands);
    }

    public ValidCommand Accepted(string command) => AcceptedOn("message", command);
}
