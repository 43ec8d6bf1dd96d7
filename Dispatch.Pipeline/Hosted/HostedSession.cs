using Dispatch.Commands.Contract;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Log = Dispatch.Pipeline.Hosted.HostedLog;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// One websocket bridged to the worker it holds exclusively (CONTRACT 5). The service's receive loop awaits each
/// message's round trip (write the event, apply the worker's frames until <c>done</c>), which is the synchronous round
/// trip of hosted mode and also its back-pressure: the socket is not read while the worker works. Every round trip is
/// bounded by <c>Dispatch:Pipeline:EventTimeout</c>; a worker that times out, crashes or breaks the protocol closes
/// the websocket with 1011 and is killed and replaced. <c>close</c> goes to the worker exactly once, then the connection
/// leaves the hub and the worker is released for the next websocket.
/// </summary>
internal sealed class HostedSession : IConnectionSession
{
    private readonly HostedDependencies _deps;
    private readonly HostedLease _lease;
    private readonly Action<HostedSession> _onFinished;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<ValidCommand>? _held;
    private bool _activated;
    private bool _closeRequested;
    private volatile bool _faulted;

    public HostedSession(ConnectionDescriptor descriptor, HostedLease lease, HostedDependencies deps, Action<HostedSession> onFinished)
    {
        Descriptor = descriptor;
        _lease = lease;
        _deps = deps;
        _onFinished = onFinished;
        InitialSnapshot = ConnectionEvents.InitialSnapshot(descriptor);
    }

    public string ConnectionId => Descriptor.Id;

    public ConnectionDescriptor Descriptor { get; }

    /// <summary>The metadata of a connection the hub does not know yet: no user, rooms or attrs.</summary>
    public MetadataSnapshot InitialSnapshot { get; }

    /// <summary>Completes when the session is over and its worker released.</summary>
    public Task Closed => _closed.Task;

    private int WorkerPid => _lease.Worker.ProcessId;

    /// <summary>Sends <c>open</c> and decides the handshake from the worker's frames up to <c>done</c>.</summary>
    public async Task<OpenResult> OpenAsync()
    {
        var reply = new HostedReply(_deps, ConnectionId, EventKind.Open);
        var outcome = await RoundTripAsync(EventKind.Open, HostedEventFactory.Open(Descriptor, InitialSnapshot), reply).ConfigureAwait(false);
        if (outcome != HostedEventOutcome.Done)
        {
            return Discard(OpenResults.Failed(outcome.ToErrorClass()));
        }

        if (reply.ErrorClass is { } errorClass)
        {
            // The handler threw: HTTP 500; its text was logged, never shown.
            return Discard(OpenResults.Failed(errorClass));
        }

        var validation = _deps.Validator.ValidateCommands(reply.Collected, WireNames.Open, ConnectionId);
        if (validation.RejectedWhole)
        {
            return Discard(OpenResults.Failed(ErrorClasses.AppContractError));
        }

        if (!validation.Accepted)
        {
            // A rejected open applies none of its commands (CONTRACT 4.2).
            Log.OpenRejected(_deps.Logger, ConnectionId, validation.RejectStatus);
            return Discard(OpenResults.Rejected(validation.RejectStatus, validation.RejectReason));
        }

        _held = validation.Commands;
        return OpenResults.Accepted(this);
    }

    public void Activate()
    {
        IReadOnlyList<ValidCommand>? held;
        lock (_gate)
        {
            if (_activated)
            {
                return;
            }

            _activated = true;
            held = _closeRequested ? null : _held;
            _held = null;
        }

        if (held is not null)
        {
            try
            {
                _deps.Executor.Execute(ConnectionId, held);
            }
            catch (Exception ex)
            {
                Log.ApplyFaulted(_deps.Logger, ConnectionId, ex);
            }
        }

        // From here on a worker that dies between events closes its websocket (the pool reports the loss).
        _lease.WhenLost(OnWorkerLost);
    }

    public ValueTask EnqueueMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (message.Rejection is { } rejection)
        {
            if (rejection.CloseCode is { } code)
            {
                _deps.Router.CloseConnection(ConnectionId, code, rejection.CloseReason);
            }
            else if (rejection.Frame is { } frame)
            {
                _deps.Router.SendToConnection(ConnectionId, frame);
            }

            return default;
        }

        if (_faulted || Volatile.Read(ref _closeRequested))
        {
            return default;
        }

        // The token is not passed on: an event on the worker is always finished (or timed out and the worker killed),
        // never abandoned half-way, or its remaining frames would be read as the next event's.
        return new ValueTask(RunMessageAsync(message));
    }

    public Task CloseAsync(int code, string reason)
    {
        lock (_gate)
        {
            if (_closeRequested)
            {
                return _closed.Task;
            }

            _closeRequested = true;
        }

        _ = CloseCoreAsync(code, reason ?? "");
        return _closed.Task;
    }

    private async Task RunMessageAsync(InboundMessage message)
    {
        var snapshot = _deps.Hub.GetSnapshot(ConnectionId) ?? InitialSnapshot;
        var reply = new HostedReply(_deps, ConnectionId, EventKind.Message);
        var outcome = await RoundTripAsync(EventKind.Message, HostedEventFactory.Message(Descriptor, snapshot, message), reply).ConfigureAwait(false);
        if (outcome != HostedEventOutcome.Done)
        {
            _deps.Router.CloseConnection(ConnectionId, CloseCodes.InternalError, outcome.ToCloseReason());
        }
    }

    private async Task CloseCoreAsync(int code, string reason)
    {
        try
        {
            if (!_faulted && !_lease.IsLost)
            {
                // The snapshot is taken while the connection is still in the hub: onClose sees its rooms and user.
                var snapshot = _deps.Hub.GetSnapshot(ConnectionId) ?? InitialSnapshot;
                var reply = new HostedReply(_deps, ConnectionId, EventKind.Close);
                await RoundTripAsync(EventKind.Close, HostedEventFactory.Close(Descriptor, snapshot, code, reason), reply).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Log.ApplyFaulted(_deps.Logger, ConnectionId, ex);
        }
        finally
        {
            _deps.Hub.Unregister(ConnectionId);
            Log.SessionClosed(_deps.Logger, ConnectionId, code, WorkerPid);
            Finish();
        }
    }

    /// <summary>
    /// Writes one event and waits for <c>done</c>, the worker's frames being handled by <paramref name="reply"/> as
    /// they arrive. Never throws: a crash, a protocol error or the timeout comes back as the outcome, and the worker is
    /// then never used again (killed when it is still running).
    /// </summary>
    private async Task<HostedEventOutcome> RoundTripAsync(EventKind kind, byte[] eventJson, HostedReply reply)
    {
        var @event = kind.ToWire();
        var connection = _lease.Worker.Connection;
        ConnectionResult result;
        try
        {
            var pending = await connection.WriteStreamingAsync(eventJson, reply.OnFrame, CancellationToken.None).ConfigureAwait(false);
            result = await pending.WaitAsync(_deps.EventTimeout, _deps.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.EventTimedOut(_deps.Logger, ConnectionId, @event, _deps.EventTimeout.TotalMilliseconds, WorkerPid);
            _faulted = true;
            _lease.Kill("a hosted event timed out");
            return HostedEventOutcome.TimedOut;
        }

        if (result.Outcome == ConnectionOutcome.Replied && reply.Problem is { } problem)
        {
            Log.InvalidFrame(_deps.Logger, ConnectionId, WorkerPid, problem);
            _faulted = true;
            _lease.Kill("sent an invalid hosted frame");
            return HostedEventOutcome.ProtocolError;
        }

        switch (result.Outcome)
        {
            case ConnectionOutcome.Replied:
                _lease.Worker.CountHandled();
                return HostedEventOutcome.Done;
            case ConnectionOutcome.ProtocolError:
                Log.WorkerFailed(_deps.Logger, ConnectionId, @event, WorkerPid, "protocol error");
                _faulted = true;
                return HostedEventOutcome.ProtocolError;
            default:
                Log.WorkerFailed(_deps.Logger, ConnectionId, @event, WorkerPid, "crashed");
                _faulted = true;
                return HostedEventOutcome.Crashed;
        }
    }

    private void OnWorkerLost()
    {
        // A fault this session found itself (timeout, invalid frame) already closed the websocket with its own reason.
        if (_faulted)
        {
            return;
        }

        _faulted = true;
        if (!Volatile.Read(ref _closeRequested))
        {
            Log.WorkerLost(_deps.Logger, ConnectionId);
            _deps.Router.CloseConnection(ConnectionId, CloseCodes.InternalError, HostedEventOutcome.Crashed.ToCloseReason());
        }
    }

    /// <summary>The open was not accepted: the connection never existed for the app, so it gets no close.</summary>
    private OpenResult Discard(OpenResult result)
    {
        Finish();
        return result;
    }

    private void Finish()
    {
        _deps.Pool.Release(_lease);
        _onFinished(this);
        _closed.TrySetResult();
    }
}
