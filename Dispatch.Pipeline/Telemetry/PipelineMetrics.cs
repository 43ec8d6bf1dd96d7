using System.Diagnostics.Metrics;

namespace Dispatch.Pipeline.Telemetry;

/// <summary>
/// The pipeline's instruments on the shared "Dispatch" meter. Every event ends in exactly one of
/// <see cref="EventsApplied"/> or <see cref="EventsFailed"/>; running totals let tests read them without a listener.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Dispatch";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _failureCloses;
    private readonly Counter<long> _messagesNotQueued;
    private readonly Histogram<double> _duration;

    private long _applied;
    private long _failed;
    private long _failureClosesTotal;
    private long _messagesNotQueuedTotal;

    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _events = _meter.CreateCounter<long>("dispatch.pipeline.events", "{event}", "Websocket events handled, tagged with event and outcome (applied or the error class).");
        _failureCloses = _meter.CreateCounter<long>("dispatch.pipeline.failure_closes", "{connection}", "Connections closed with 1011 after too many consecutive failed events.");
        _messagesNotQueued = _meter.CreateCounter<long>("dispatch.pipeline.messages_not_queued", "{message}", "Client messages that arrived after their connection started closing.");
        _duration = _meter.CreateHistogram<double>("dispatch.pipeline.event.duration", "s", "Time from dispatch to applied outcome.");
    }

    public long EventsApplied => Interlocked.Read(ref _applied);
    public long EventsFailed => Interlocked.Read(ref _failed);
    public long FailureCloses => Interlocked.Read(ref _failureClosesTotal);
    public long MessagesNotQueued => Interlocked.Read(ref _messagesNotQueuedTotal);

    public void EventApplied(string @event, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _applied);
        _events.Add(1, new("event", @event), new("outcome", "applied"));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("event", @event));
    }

    /// <param name="errorClass">An error class; normalised by the validator, so a bounded tag.</param>
    public void EventFailed(string @event, string errorClass, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _failed);
        _events.Add(1, new("event", @event), new("outcome", errorClass));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("event", @event));
    }

    public void FailureClose()
    {
        Interlocked.Increment(ref _failureClosesTotal);
        _failureCloses.Add(1);
    }

    public void MessageNotQueued()
    {
        Interlocked.Increment(ref _messagesNotQueuedTotal);
        _messagesNotQueued.Add(1);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
