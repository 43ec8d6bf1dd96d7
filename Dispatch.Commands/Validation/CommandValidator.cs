using Dispatch.Commands.Contract;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Log = Dispatch.Commands.Validation.CommandValidatorLog;

namespace Dispatch.Commands.Validation;

/// <summary>
/// Checks a worker response against CONTRACT 4.2-4.4. A bad command is skipped and every one of its problems is
/// reported; the good commands of the same list still apply. A response that is malformed, for another connection,
/// or too long is rejected whole. Thread-safe and stateless apart from its limits.
/// </summary>
public sealed class CommandValidator
{
    // PayloadRule must stay last: it encodes only what every other rule accepted.
    private static readonly ICommandRule[] Rules =
    [
        new RequiredFieldsRule(),
        new ConnectionIdRule(),
        new OpcodeRule(),
        new RoomRule(),
        new UserIdRule(),
        new AttrsRule(),
        new OpenOnlyRule(),
        new CloseRule(),
        new ScheduleCloseRule(),
        new PayloadRule(),
    ];

    private const int DefaultRejectStatus = 403;

    private readonly LimitsOptions _limits;
    private readonly ILogger _logger;
    private readonly DispatchMetrics? _metrics;

    public CommandValidator(IOptions<LimitsOptions> options, ILogger<CommandValidator> logger, DispatchMetrics? metrics = null)
        : this(options.Value, logger, metrics)
    {
    }

    /// <summary>For tests and tools: fixed limits, optional logging and counting.</summary>
    public CommandValidator(LimitsOptions limits, ILogger<CommandValidator>? logger = null, DispatchMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _logger = logger ?? NullLogger<CommandValidator>.Instance;
        _metrics = metrics;
    }

    /// <summary>Parses and validates a worker response frame. Never throws for bad input.</summary>
    public ValidationOutcome Validate(ReadOnlySpan<byte> responseJson, string eventKind, string connectionId)
    {
        if (!ContractJson.TryParseResponse(responseJson, out var response, out var error))
        {
            return RejectWhole(connectionId, eventKind, [new RuleViolation(RejectionKinds.Malformed, "invalid response JSON: " + error)]);
        }

        return Validate(response!, eventKind, connectionId);
    }

    /// <summary>Validates a parsed worker response to the <paramref name="eventKind"/> event of <paramref name="connectionId"/>.</summary>
    public ValidationOutcome Validate(WorkerResponse response, string eventKind, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(response);
        List<RuleViolation>? envelope = null;
        if (response.Mode is not null && response.Mode != WireNames.DispatchMode)
        {
            (envelope ??= []).Add(new(RejectionKinds.WrongMode, $"mode {WireText.Quote(response.Mode)} is not {WireNames.DispatchMode}"));
        }

        if (response.Id is not null && response.Id != connectionId)
        {
            (envelope ??= []).Add(new(RejectionKinds.WrongId, $"id {WireText.Quote(response.Id)} is not the connection of this event"));
        }

        if (envelope is not null)
        {
            return RejectWhole(connectionId, eventKind, envelope);
        }

        if (response.Event == WireNames.Error)
        {
            var errorClass = response.ErrorClass is ErrorClasses.WorkerRuntimeError or ErrorClasses.AppContractError
                ? response.ErrorClass
                : ErrorClasses.WorkerRuntimeError;
            Log.WorkerErrorResponse(_logger, connectionId, eventKind, errorClass);
            return new ValidationOutcome { WorkerErrorClass = errorClass, WorkerErrorText = response.Error };
        }

        return ValidateList(response.Commands ?? [], response.Accepted ?? true, eventKind, connectionId);
    }

    /// <summary>
    /// Validates commands that arrive without the dispatch envelope, such as connection-hosted frames (CONTRACT 5).
    /// The count limit and the open accept/reject rules apply as for a response.
    /// </summary>
    public ValidationOutcome ValidateCommands(IReadOnlyList<WorkerCommand> commands, string eventKind, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return ValidateList(commands, accepted: true, eventKind, connectionId);
    }

    private ValidationOutcome ValidateList(IReadOnlyList<WorkerCommand> commands, bool accepted, string eventKind, string connectionId)
    {
        if (commands.Count > _limits.MaxCommandsPerResponse)
        {
            return RejectWhole(connectionId, eventKind, [new RuleViolation(
                RejectionKinds.TooManyCommands,
                $"{commands.Count} commands, above MaxCommandsPerResponse {_limits.MaxCommandsPerResponse}")]);
        }

        var valid = new List<ValidCommand>(commands.Count);
        List<CommandProblem>? problems = null;
        ValidCommand? selfClose = null;
        for (var index = 0; index < commands.Count; index++)
        {
            if (Check(commands[index], index, eventKind, connectionId, ref problems) is not { } command)
            {
                continue;
            }

            valid.Add(command);
            if (command.Kind == CommandKind.Close && CommandTargets.IsSelf(command.Source, connectionId))
            {
                // vhttpd semantics: when several closes reject an open, the last one sets the status.
                selfClose = command;
            }
        }

        if (eventKind == WireNames.Open && (!accepted || selfClose is not null))
        {
            // CONTRACT 4.2: a rejected open applies none of its commands; the close only supplies status and reason.
            return new ValidationOutcome
            {
                Accepted = false,
                RejectStatus = selfClose?.Source.Status ?? DefaultRejectStatus,
                RejectReason = selfClose?.Source.Reason,
                Problems = problems ?? [],
            };
        }

        return new ValidationOutcome { Commands = valid, Problems = problems ?? [] };
    }

    private ValidCommand? Check(WorkerCommand? original, int index, string eventKind, string connectionId, ref List<CommandProblem>? problems)
    {
        if (original is null)
        {
            Reject(connectionId, index, null, [new RuleViolation(RejectionKinds.NullCommand, "command is null, not an object")], ref problems);
            return null;
        }

        if (!CommandNames.TryGetKind(original.Event, out var kind))
        {
            var reason = $"unknown command event {WireText.Quote(original.Event)}";
            Reject(connectionId, index, original.Event, [new RuleViolation(RejectionKinds.UnknownEvent, reason)], ref problems);
            return null;
        }

        var command = CommandAliases.Normalize(original, ref kind, connectionId);
        var check = new CommandCheck(original, command, kind, eventKind, connectionId, _limits);
        foreach (var rule in Rules)
        {
            rule.Check(check);
        }

        if (check.Violations is { } violations)
        {
            Reject(connectionId, index, original.Event, violations, ref problems);
            return null;
        }

        return new ValidCommand(kind, command, check.Payload);
    }

    private void Reject(string connectionId, int index, string? eventName, List<RuleViolation> violations, ref List<CommandProblem>? problems)
    {
        problems ??= [];
        foreach (var violation in violations)
        {
            problems.Add(new CommandProblem(index, eventName, violation.Reason));
            Log.CommandRejected(_logger, connectionId, index, WireText.Quote(eventName), violation.Reason);
        }

        // Counted once per command, tagged with its first problem; the log has the rest.
        _metrics?.AddCommandRejected(violations[0].Kind);
    }

    private ValidationOutcome RejectWhole(string connectionId, string eventKind, List<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            Log.ResponseRejected(_logger, connectionId, eventKind, violation.Reason);
        }

        _metrics?.AddResponseRejected();
        return new ValidationOutcome
        {
            RejectedWhole = true,
            Problems = violations.Select(v => new CommandProblem(-1, null, v.Reason)).ToList(),
        };
    }
}
