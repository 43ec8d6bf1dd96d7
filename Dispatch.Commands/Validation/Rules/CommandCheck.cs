using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;

namespace Dispatch.Commands.Validation.Rules;

/// <summary>The state of validating one command: its inputs, the violations found so far, and the encoded payload.</summary>
internal sealed class CommandCheck
{
    public CommandCheck(
        WorkerCommand original, WorkerCommand command, CommandKind kind, string eventKind, string connectionId, LimitsOptions limits)
    {
        Original = original;
        Command = command;
        Kind = kind;
        EventKind = eventKind;
        ConnectionId = connectionId;
        Limits = limits;
    }

    /// <summary>The command as the worker sent it (alias fields such as <c>key</c> live only here).</summary>
    public WorkerCommand Original { get; }

    /// <summary>The command after alias normalisation; what the executor will see.</summary>
    public WorkerCommand Command { get; }

    public CommandKind Kind { get; }
    public string EventKind { get; }
    public string ConnectionId { get; }
    public LimitsOptions Limits { get; }

    /// <summary>Set by <see cref="PayloadRule"/> for payload-carrying commands that passed every earlier rule.</summary>
    public OutboundMessage? Payload { get; set; }

    /// <summary>What failed, in rule order; null while everything passed (the common case allocates no list).</summary>
    public List<RuleViolation>? Violations { get; private set; }

    public bool Passed => Violations is null;

    public void Fail(string kind, string reason) => (Violations ??= []).Add(new RuleViolation(kind, reason));
}
