using Dispatch.Commands.Contract;
using Dispatch.Commands.Framing;
using Dispatch.Pipeline.Dispatching;
using Log = Dispatch.Pipeline.Hosted.HostedLog;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// The worker's frames for one event, as they arrive (on the worker connection's read loop, one at a time). Hub
/// commands of a <c>message</c> or <c>close</c> event are validated (the same <c>CommandValidator</c> as dispatch mode)
/// and applied at once, so a handler's sends go out while it still runs; those of an <c>open</c> are collected until
/// the handshake is decided. A frame that is not a JSON object of mode <c>websocket</c> ends the reply as
/// <see cref="Problem"/>: the worker is then killed. Never throws.
/// </summary>
internal sealed class HostedReply
{
    private readonly HostedDependencies _deps;
    private readonly string _connectionId;
    private readonly EventKind _kind;
    private readonly string _event;
    private int _commands;

    public HostedReply(HostedDependencies deps, string connectionId, EventKind kind)
    {
        _deps = deps;
        _connectionId = connectionId;
        _kind = kind;
        _event = kind.ToWire();
    }

    /// <summary>Open only: the commands, in order, until the handshake is decided.</summary>
    public List<WorkerCommand> Collected { get; } = [];

    /// <summary>Set by an <c>error</c> frame: its class, normalised (the text is only logged).</summary>
    public string? ErrorClass { get; private set; }

    /// <summary>Set when the worker broke the protocol (not JSON, not an object, wrong mode).</summary>
    public string? Problem { get; private set; }

    /// <summary>Takes one frame (and disposes it); true when it ends the reply.</summary>
    public bool OnFrame(Frame frame)
    {
        bool parsed;
        WorkerCommand? command;
        string? error;
        using (frame)
        {
            parsed = ContractJson.TryParseCommand(frame.Payload.Span, out command, out error);
        }

        if (!parsed)
        {
            Problem = "invalid JSON: " + error;
            return true;
        }

        if (command!.Mode is not null && command.Mode != WireNames.HostedMode)
        {
            Problem = $"mode '{command.Mode}' is not '{WireNames.HostedMode}'";
            return true;
        }

        switch (command.Event)
        {
            case HostedFrameNames.Done:
                return true;
            case HostedFrameNames.Error:
                OnError(command);
                return false;
        }

        if (++_commands > _deps.MaxCommandsPerEvent)
        {
            if (_commands == _deps.MaxCommandsPerEvent + 1)
            {
                Log.TooManyCommands(_deps.Logger, _connectionId, _event, _deps.MaxCommandsPerEvent);
            }

            return false;
        }

        if (_kind == EventKind.Open)
        {
            Collected.Add(command);
        }
        else
        {
            Apply(command);
        }

        return false;
    }

    private void Apply(WorkerCommand command)
    {
        try
        {
            // Rejected commands are logged and counted by the validator; the rest of the reply still applies.
            var outcome = _deps.Validator.ValidateCommands([command], _event, _connectionId);
            if (outcome.Commands.Count > 0)
            {
                _deps.Executor.Execute(_connectionId, outcome.Commands);
            }
        }
        catch (Exception ex)
        {
            Log.ApplyFaulted(_deps.Logger, _connectionId, ex);
        }
    }

    private void OnError(WorkerCommand command)
    {
        var errorClass = command.ErrorClass is ErrorClasses.WorkerRuntimeError or ErrorClasses.AppContractError
            ? command.ErrorClass
            : ErrorClasses.WorkerRuntimeError;
        ErrorClass ??= errorClass;
        Log.HandlerError(_deps.Logger, _connectionId, _event, errorClass, command.Error);
        if (_kind == EventKind.Message && _deps.SendErrorFrames)
        {
            // Same frame as dispatch mode; never the worker's text. The worker usually closes with 1011 right after.
            _deps.Router.SendToConnection(_connectionId, _deps.ErrorFrames.Get(errorClass, _event));
        }
    }
}
