using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Log = Dispatch.Commands.Execution.CommandExecutorLog;

namespace Dispatch.Commands.Execution;

/// <summary>
/// Applies validated commands, in list order, to the hub and router for the connection whose event produced them.
/// Commands after a self <c>close</c> still apply (a worker may announce a departure after closing). Thread-safe:
/// the pipeline runs one event per connection at a time, and different connections in parallel.
/// </summary>
public sealed class CommandExecutor : ICommandExecutor, IDisposable
{
    private readonly ConnectionHub _hub;
    private readonly IMessageRouter _router;
    private readonly ScheduledCloses _scheduledCloses;
    private readonly ILogger _logger;
    private readonly DispatchMetrics? _metrics;

    public CommandExecutor(
        ConnectionHub hub,
        IMessageRouter router,
        TimeProvider timeProvider,
        ILogger<CommandExecutor>? logger = null,
        DispatchMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _hub = hub;
        _router = router;
        _scheduledCloses = new ScheduledCloses(hub, router, timeProvider);
        _logger = logger ?? NullLogger<CommandExecutor>.Instance;
        _metrics = metrics;
    }

    /// <summary>Connections with a pending <c>schedule_close</c> (for tests and diagnostics).</summary>
    public int ScheduledCloseCount => _scheduledCloses.Count;

    public ExecutionResult Execute(string connectionId, IReadOnlyList<ValidCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        int applied = 0, unknown = 0, refused = 0;
        var closedSelf = false;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            switch (Apply(connectionId, command))
            {
                case CommandOutcome.Applied:
                    applied++;
                    _metrics?.AddCommandApplied(command.Kind);
                    closedSelf |= command.Kind == CommandKind.Close && CommandTargets.IsSelf(command.Source, connectionId);
                    break;
                case CommandOutcome.UnknownTarget:
                    unknown++;
                    Log.UnknownTarget(_logger, connectionId, command.Kind);
                    break;
                default:
                    refused++;
                    break;
            }
        }

        _metrics?.AddUnknownTargets(unknown);
        return new ExecutionResult(applied, unknown, refused, closedSelf);
    }

    public void Dispose() => _scheduledCloses.Dispose();

    private CommandOutcome Apply(string connectionId, ValidCommand command)
    {
        var source = command.Source;
        return command.Kind switch
        {
            CommandKind.Accept => CommandOutcome.Applied,
            CommandKind.Send or CommandKind.SendTo or CommandKind.SendToUser or CommandKind.Broadcast => Deliver(connectionId, command),
            CommandKind.Join => FromHub(connectionId, command, _hub.Join(connectionId, source.Room!)),
            CommandKind.Leave => FromHub(connectionId, command, _hub.Leave(connectionId, source.Room!)),
            CommandKind.ReplaceRooms => FromHub(connectionId, command, _hub.ReplaceRooms(connectionId, source.Rooms ?? [])),
            CommandKind.KickRoom => Applied(_hub.KickRoom(source.Room!)),
            CommandKind.SetMetadata => FromHub(connectionId, command, _hub.SetMetadata(connectionId, source.UserId, source.Attrs)),
            CommandKind.ClearMetadata => FromHub(connectionId, command, _hub.ClearMetadata(connectionId, source.Keys)),
            CommandKind.Close => Close(connectionId, source),
            CommandKind.ScheduleClose => ScheduleClose(connectionId, source),
            _ => Refuse(connectionId, command, "unsupported command kind"),
        };
    }

    private CommandOutcome Deliver(string connectionId, ValidCommand command)
    {
        if (command.Payload is not { } payload)
        {
            return Refuse(connectionId, command, "no encoded payload (not produced by CommandValidator)");
        }

        var source = command.Source;
        return command.Kind switch
        {
            CommandKind.Send => Known(_router.SendToConnection(connectionId, payload)),
            CommandKind.SendTo => Known(_router.SendToConnection(source.TargetId!, payload)),

            // No local connection took it: the user is not here (or every one of its sockets is closing).
            CommandKind.SendToUser => Known(_router.SendToUser(source.UserId!, payload) > 0),

            // An empty room is not an unknown target: rooms exist only while they have members.
            _ => Applied(_router.Broadcast(source.Room!, payload, source.ExceptId)),
        };
    }

    private CommandOutcome Close(string connectionId, WorkerCommand source)
    {
        var code = source.Code ?? CloseCodes.Normal;
        var reason = source.Reason ?? "";
        if (CommandTargets.IsSelf(source, connectionId))
        {
            // An explicit close supersedes a pending scheduled one.
            _scheduledCloses.Cancel(connectionId);
            return Known(_router.CloseConnection(connectionId, code, reason));
        }

        return Known(_router.CloseConnection(source.TargetId!, code, reason));
    }

    private CommandOutcome ScheduleClose(string connectionId, WorkerCommand source)
    {
        var afterMs = source.AfterMs ?? 0;
        if (afterMs == 0)
        {
            _scheduledCloses.Cancel(connectionId);
            return CommandOutcome.Applied;
        }

        var scheduled = _scheduledCloses.Schedule(
            connectionId, TimeSpan.FromMilliseconds(afterMs), source.Code ?? CloseCodes.Normal, source.Reason ?? "");
        return Known(scheduled);
    }

    private static CommandOutcome Known(bool targetFound) => targetFound ? CommandOutcome.Applied : CommandOutcome.UnknownTarget;

    /// <summary>For commands whose effect count (members kicked, frames queued) does not decide their outcome.</summary>
    private static CommandOutcome Applied(int ignoredCount) => CommandOutcome.Applied;

    private CommandOutcome FromHub(string connectionId, ValidCommand command, HubResult result) => result switch
    {
        HubResult.Ok => CommandOutcome.Applied,
        HubResult.UnknownConnection => CommandOutcome.UnknownTarget,
        _ => Refuse(connectionId, command, result.ToString()),
    };

    private CommandOutcome Refuse(string connectionId, ValidCommand command, string why)
    {
        Log.CommandRefused(_logger, connectionId, command.Kind, why);
        _metrics?.AddCommandRejected("refused");
        return CommandOutcome.Refused;
    }
}
