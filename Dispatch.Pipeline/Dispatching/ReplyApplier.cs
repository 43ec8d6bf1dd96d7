using Dispatch.Commands.Contract;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Presence;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Presence;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// The apply block's step: validates the worker's reply, applies valid commands (or holds an open's until
/// <see cref="IConnectionSession.Activate"/>), reports failures to the client, and completes the job. Every job ends
/// here in exactly one outcome, applied or failed, each logged and counted. Never throws.
/// </summary>
internal sealed class ReplyApplier
{
    private readonly CommandValidator _validator;
    private readonly ICommandExecutor _executor;
    private readonly IConnectionHub _hub;
    private readonly IMessageRouter _router;
    private readonly ErrorFrames _errorFrames;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplyApplier> _logger;
    private readonly bool _sendErrorFrames;
    private readonly int _maxConsecutiveFailures;

    public ReplyApplier(
        CommandValidator validator,
        ICommandExecutor executor,
        IConnectionHub hub,
        IMessageRouter router,
        ErrorFrames errorFrames,
        PipelineMetrics metrics,
        TimeProvider time,
        IOptions<PipelineOptions> options,
        ILogger<ReplyApplier> logger)
    {
        _validator = validator;
        _executor = executor;
        _hub = hub;
        _router = router;
        _errorFrames = errorFrames;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _sendErrorFrames = options.Value.OnEventFailure == PipelineOptionsValidator.ErrorFrame;
        _maxConsecutiveFailures = options.Value.MaxConsecutiveFailures;
    }

    public void Apply(DispatchJob job)
    {
        try
        {
            var outcome = Evaluate(job, out var failureClass);
            switch (job.Kind)
            {
                case EventKind.Open:
                    ApplyOpen(job, outcome, failureClass);
                    break;
                case EventKind.Message:
                    ApplyMessage(job, outcome, failureClass);
                    break;
                case EventKind.Presence:
                    ApplyPresence(job, outcome, failureClass);
                    break;
                default:
                    ApplyClose(job, outcome, failureClass);
                    break;
            }
        }
        catch (Exception ex)
        {
            DispatchingLog.ApplyFaulted(_logger, job.Session.ConnectionId, job.Kind.ToWire(), ex);
            _metrics.EventFailed(job.Kind.ToWire(), OpenResults.InternalErrorClass, Elapsed(job));
            if (job.Kind == EventKind.Open && job.OpenResult is null)
            {
                job.OpenResult = OpenResults.Failed(OpenResults.InternalErrorClass);
                job.Session.Discard();
            }
        }
        finally
        {
            if (job.Kind == EventKind.Close)
            {
                // Whatever happened above, a closed connection leaves the hub (rooms, user binding, metadata).
                _hub.Unregister(job.Session.ConnectionId);
            }

            job.Complete();
        }
    }

    /// <summary>Finishes a job the graph refused (it is completing for shutdown) as <c>worker_unavailable</c>.</summary>
    public void ApplyRefused(DispatchJob job)
    {
        DispatchingLog.EventRefused(_logger, job.Session.ConnectionId, job.Kind.ToWire());
        job.Fail(ErrorClasses.WorkerUnavailable);
        Apply(job);
    }

    private ValidationOutcome? Evaluate(DispatchJob job, out string? failureClass)
    {
        failureClass = job.FailureClass;
        if (failureClass is not null)
        {
            return null;
        }

        var connectionId = job.Session.ConnectionId;
        var @event = job.Kind.ToWire();
        ValidationOutcome outcome;
        using (var frame = job.Reply.Frame)
        {
            outcome = _validator.Validate(frame.Payload.Span, @event, connectionId);
        }

        // The validator has already logged and counted every rejected command and whole-response rejection.
        if (outcome.RejectedWhole)
        {
            failureClass = ErrorClasses.AppContractError;
            return null;
        }

        if (outcome.IsWorkerError)
        {
            DispatchingLog.WorkerErrorResponse(_logger, connectionId, @event, outcome.WorkerErrorClass!, outcome.WorkerErrorText);
            failureClass = outcome.WorkerErrorClass;
            return null;
        }

        return outcome;
    }

    private void ApplyOpen(DispatchJob job, ValidationOutcome? outcome, string? failureClass)
    {
        var session = job.Session;
        if (outcome is null)
        {
            DispatchingLog.OpenFailed(_logger, session.ConnectionId, failureClass!);
            _metrics.EventFailed(WireNames.Open, failureClass!, Elapsed(job));
            job.OpenResult = failureClass == ErrorClasses.WorkerUnavailable
                ? OpenResults.Unavailable()
                : OpenResults.Failed(failureClass!);
            session.Discard();
            return;
        }

        _metrics.EventApplied(WireNames.Open, Elapsed(job));
        if (!outcome.Accepted)
        {
            // A rejected open's commands are never applied (CONTRACT 4.2).
            DispatchingLog.OpenRejected(_logger, session.ConnectionId, outcome.RejectStatus);
            job.OpenResult = OpenResults.Rejected(outcome.RejectStatus, outcome.RejectReason);
            session.Discard();
            return;
        }

        session.Admit(outcome.Commands);
        job.OpenResult = OpenResults.Accepted(session);
    }

    private void ApplyMessage(DispatchJob job, ValidationOutcome? outcome, string? failureClass)
    {
        var session = job.Session;
        if (outcome is null)
        {
            ReportFailure(job, failureClass!);
            return;
        }

        _executor.Execute(session.ConnectionId, outcome.Commands);
        session.ConsecutiveFailures = 0;
        _metrics.EventApplied(WireNames.Message, Elapsed(job));
    }

    private void ApplyPresence(DispatchJob job, ValidationOutcome? outcome, string? failureClass)
    {
        var session = job.Session;
        if (outcome is null)
        {
            // The client did not send this event, so it gets no error frame, and a failing presence handler does not
            // count toward the 1011 close: it must not cost a user its connection.
            var change = job.Presence!;
            PresenceLog.EventFailed(_logger, session.ConnectionId, change.Action.ToWire(), change.Room, failureClass!);
            _metrics.EventFailed(WireNames.Presence, failureClass!, Elapsed(job));
            return;
        }

        // The subject is the default id. It is still in the hub, even for a close leave (those go before the close).
        _executor.Execute(session.ConnectionId, outcome.Commands);
        _metrics.EventApplied(WireNames.Presence, Elapsed(job));
    }

    private void ApplyClose(DispatchJob job, ValidationOutcome? outcome, string? failureClass)
    {
        if (outcome is null)
        {
            // The socket is going away: no error frame, no failure count; the finally unregisters.
            DispatchingLog.CloseEventFailed(_logger, job.Session.ConnectionId, failureClass!);
            _metrics.EventFailed(WireNames.Close, failureClass!, Elapsed(job));
            return;
        }

        _executor.Execute(job.Session.ConnectionId, outcome.Commands);
        _metrics.EventApplied(WireNames.Close, Elapsed(job));
    }

    private void ReportFailure(DispatchJob job, string failureClass)
    {
        var session = job.Session;
        var @event = job.Kind.ToWire();
        _metrics.EventFailed(@event, failureClass, Elapsed(job));

        var sent = _sendErrorFrames && _router.SendToConnection(session.ConnectionId, _errorFrames.Get(failureClass, @event));
        DispatchingLog.EventFailed(_logger, session.ConnectionId, @event, failureClass, sent);

        // Only this connection's single in-flight event touches its counter, so no interlocking is needed.
        var failures = ++session.ConsecutiveFailures;
        if (_maxConsecutiveFailures > 0 && failures >= _maxConsecutiveFailures && session.TryMarkFailureClose())
        {
            DispatchingLog.ClosingAfterFailures(_logger, session.ConnectionId, failures);
            _metrics.FailureClose();
            _router.CloseConnection(session.ConnectionId, CloseCodes.InternalError, "worker failures");
        }
    }

    private TimeSpan Elapsed(DispatchJob job) => job.StartedAt == 0 ? TimeSpan.Zero : _time.GetElapsedTime(job.StartedAt);
}
