using Dispatch.Commands.Contract;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Presence;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// One accepted connection's lane: a bounded queue plus a pump that exists only while the lane has work (an idle
/// connection costs no task). The pump sends one event at a time into the graph and waits for its outcome before the
/// next, so events are dispatched in arrival order with at most one in flight, and <c>close</c> goes last.
/// Presence events of the connection (membership changes of watched rooms, reported by the hub) go ahead of queued
/// messages, as they describe changes that already happened; the leaves of a closing connection go just before its
/// <c>close</c>.
/// </summary>
internal sealed class ConnectionSession : IConnectionSession
{
    private const int Pending = 0;
    private const int Activating = 1;
    private const int Active = 2;

    private readonly SessionDependencies _deps;
    private readonly PerConnectionQueue _queue;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    private IReadOnlyList<ValidCommand>? _heldCommands;
    private volatile int _activation = Pending;
    private volatile bool _closeRequested;
    private int _closeCode;
    private string _closeReason = "";

    /// <summary>Read and written by the pump only.</summary>
    private bool _closeDispatched;

    /// <summary>Read and written by the pump only: the close leaves were queued.</summary>
    private bool _presenceClosed;

    /// <summary>Created on the first presence change: most connections never have one, and presence may be off.</summary>
    private PresenceQueue? _presence;

    /// <summary>Built by the first message (see <see cref="EventFields"/>).</summary>
    private ConnectionEventFields? _eventFields;

    /// <summary>1 while a pump runs; the lane's only concurrency guard.</summary>
    private int _pumping;
    private int _failureCloseRequested;

    public ConnectionSession(ConnectionDescriptor descriptor, SessionDependencies dependencies)
    {
        Descriptor = descriptor;
        _deps = dependencies;
        _queue = new PerConnectionQueue(dependencies.QueueCapacity);
        InitialSnapshot = ConnectionEvents.InitialSnapshot(descriptor);
    }

    public string ConnectionId => Descriptor.Id;

    public ConnectionDescriptor Descriptor { get; }

    /// <summary>The metadata of a connection the hub does not know (yet): no user, rooms or attrs.</summary>
    public MetadataSnapshot InitialSnapshot { get; }

    /// <summary>
    /// The descriptor's fields pre-encoded for message events, built by the first message: a connection that never
    /// sends one (most idle ones) does not carry them. Built at most a few times under a race, all alike.
    /// </summary>
    public ConnectionEventFields EventFields => _eventFields ??= ConnectionEventFields.Create(
        Descriptor.Id, Descriptor.Path, Descriptor.Query, Descriptor.Headers, Descriptor.RemoteAddr, Descriptor.RequestId, Descriptor.TraceId);

    /// <summary>Touched only by the apply block for this connection's single in-flight event.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Completes when the close event was handled and the connection left the hub.</summary>
    public Task Closed => _closed.Task;

    private bool CanRun => _activation == Active || (_closeRequested && _activation == Pending);

    /// <summary>Called by the apply block when the worker accepted the open: holds its commands until <see cref="Activate"/>.</summary>
    public void Admit(IReadOnlyList<ValidCommand> commands) => _heldCommands = commands;

    /// <summary>The open was not accepted (or never dispatched): the session never existed for the app, so it has no close.</summary>
    public void Discard()
    {
        _deps.Registry.Remove(this);
        _closed.TrySetResult();
    }

    /// <summary>True for the first caller only: the 1011 close after too many failures is requested once.</summary>
    public bool TryMarkFailureClose() => Interlocked.Exchange(ref _failureCloseRequested, 1) == 0;

    public void Activate()
    {
        IReadOnlyList<ValidCommand>? held;
        lock (_gate)
        {
            if (_activation != Pending)
            {
                return;
            }

            held = _heldCommands;
            _heldCommands = null;
            if (_closeRequested)
            {
                // Closed before the service finished registering: the close is already on its way; the open's
                // commands would act on a connection that is leaving.
                _activation = Active;
                SessionsLog.HeldCommandsDropped(_deps.Logger, ConnectionId, held?.Count ?? 0);
                held = null;
            }
            else
            {
                _activation = Activating;
            }
        }

        if (held is not null)
        {
            try
            {
                _deps.Executor.Execute(ConnectionId, held);
            }
            catch (Exception ex)
            {
                SessionsLog.LaneFaulted(_deps.Logger, ConnectionId, ex);
            }
            finally
            {
                _activation = Active;
            }
        }

        Schedule();
    }

    public ValueTask EnqueueMessageAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (_closeRequested)
        {
            NotQueued();
            return default;
        }

        if (_queue.TryWrite(message))
        {
            Schedule();
            return default;
        }

        return EnqueueWhenRoomAsync(message, cancellationToken);
    }

    public Task CloseAsync(int code, string reason)
    {
        lock (_gate)
        {
            if (_closeRequested)
            {
                return _closed.Task;
            }

            _closeCode = code;
            _closeReason = reason ?? "";

            // Complete the queue before raising the flag: once the pump sees the flag, every message that will ever
            // be queued already is, so the close is dispatched after all of them (close last).
            _queue.Complete();
            _closeRequested = true;
        }

        Schedule();
        return _closed.Task;
    }

    /// <summary>The caller of an open gave up after the worker accepted it: the worker must still see the close.</summary>
    public void Abandon()
    {
        SessionsLog.OpenAbandoned(_deps.Logger, ConnectionId);
        _ = CloseAsync(1006, "open abandoned");
    }

    /// <summary>
    /// A membership change of a watched room, from the hub (under its lock for this connection, so in the order of the
    /// changes). Never blocks: the pump is started from the thread pool, never on the hub's lock.
    /// </summary>
    public PresenceReport ReportPresence(PresenceChange change, int maxPending)
    {
        var queue = Volatile.Read(ref _presence);
        if (queue is null)
        {
            Interlocked.CompareExchange(ref _presence, new PresenceQueue(maxPending), null);
            queue = _presence;
        }

        var report = queue.Add(change);
        if (report == PresenceReport.Queued)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static session => session.Schedule(), this, preferLocal: false);
        }

        return report;
    }

    private async ValueTask EnqueueWhenRoomAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // The queue is full: waiting here is what stops the service reading this socket (back-pressure).
        if (await _queue.WriteAsync(message, cancellationToken))
        {
            Schedule();
        }
        else
        {
            NotQueued();
        }
    }

    private void NotQueued()
    {
        _deps.Metrics.MessageNotQueued();
        SessionsLog.MessageNotQueued(_deps.Logger, ConnectionId);
    }

    private void Schedule()
    {
        if (!CanRun || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
        {
            return;
        }

        // PumpAsync never throws; its end is observed through Closed (and the next Schedule).
        _ = PumpAsync();
    }

    private bool HasWork() =>
        CanRun && (_queue.Count > 0 || Volatile.Read(ref _presence)?.Count > 0 || (_closeRequested && !_closeDispatched));

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                var job = NextJob();
                if (job is null)
                {
                    // Leave, then look again: a writer that found the pump running just before we left would
                    // otherwise strand its message.
                    Interlocked.Exchange(ref _pumping, 0);
                    if (!HasWork() || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                await _deps.Graph.RunAsync(job);
                if (job.Kind == EventKind.Close)
                {
                    // The lane is finished: _pumping stays 1 so no pump ever starts again.
                    FinishClose();
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            SessionsLog.LaneFaulted(_deps.Logger, ConnectionId, ex);
            if (_closeRequested)
            {
                _deps.Hub.Unregister(ConnectionId);
                FinishClose();
            }
            else
            {
                Interlocked.Exchange(ref _pumping, 0);
            }
        }
    }

    private DispatchJob? NextJob()
    {
        if (Volatile.Read(ref _presence) is { } presence && presence.TryDequeue(out var change))
        {
            return DispatchJob.ForPresence(this, change);
        }

        if (TryReadDispatchable(out var message))
        {
            return DispatchJob.ForMessage(this, message);
        }

        if (!_closeRequested)
        {
            return null;
        }

        // Messages queued before the close began are still dispatched first.
        if (TryReadDispatchable(out message))
        {
            return DispatchJob.ForMessage(this, message);
        }

        if (_closeDispatched)
        {
            return null;
        }

        if (!_presenceClosed)
        {
            // Every message is done: the rooms the worker was told this connection joined get their leaves now, before
            // the close (so the close stays last), and membership changes from here on are not reported.
            _presenceClosed = true;
            if (ClosePresence() is { } leaves && leaves.TryDequeue(out var leave))
            {
                return DispatchJob.ForPresence(this, leave);
            }
        }

        _closeDispatched = true;
        return DispatchJob.ForClose(this, _closeCode, _closeReason);
    }

    /// <summary>Reads the next message to dispatch, delivering the rejections queued before it on the way.</summary>
    private bool TryReadDispatchable(out InboundMessage message)
    {
        while (_queue.TryRead(out message))
        {
            if (message.Rejection is not { } rejection)
            {
                return true;
            }

            if (rejection.CloseCode is { } code)
            {
                _deps.Router.CloseConnection(ConnectionId, code, rejection.CloseReason);
            }
            else if (rejection.Frame is { } frame)
            {
                _deps.Router.SendToConnection(ConnectionId, frame);
            }
        }

        return false;
    }

    private PresenceQueue? ClosePresence()
    {
        // A lane that never had a presence change gets the shared closed queue, so a join from its close event's own
        // commands is not reported (it would never get its leave: the lane ends with the close).
        var queue = Interlocked.CompareExchange(ref _presence, PresenceQueue.ClosedLane, null);
        if (queue is null)
        {
            return null;
        }

        // Taken before the queue's lock: the hub takes the queue's lock under its own, never the other way round.
        queue.Close(_deps.Hub.GetSnapshot(ConnectionId) ?? InitialSnapshot);
        return queue;
    }

    private void FinishClose()
    {
        _deps.Registry.Remove(this);
        SessionsLog.SessionClosed(_deps.Logger, ConnectionId, _closeCode);
        _closed.TrySetResult();
    }
}
