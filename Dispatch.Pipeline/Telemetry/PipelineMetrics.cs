using System.Diagnostics.Metrics;
using Dispatch.Commands.Telemetry;

namespace Dispatch.Pipeline.Telemetry;

/// <summary>
/// The pipeline's and the worker pool's instruments on the shared "Dispatch" meter. Every event ends in exactly one of
/// <see cref="EventsApplied"/> or <see cref="EventsFailed"/>; running totals let tests read them without a listener.
/// Tag values are closed sets (event names, error classes, recycle reasons), so no tag is built from free text.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Dispatch";

    private static readonly InstrumentAdvice<double> LatencyAdvice = new() { HistogramBucketBoundaries = DispatchMetrics.LatencyBuckets };

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _failureCloses;
    private readonly Counter<long> _messagesNotQueued;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _workerTime;
    private readonly Counter<long> _workerRestarts;
    private readonly Counter<long> _workersRecycled;

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
        _duration = _meter.CreateHistogram("dispatch.pipeline.event.duration", "s", "Time from dispatch to applied outcome.", advice: LatencyAdvice);
        _queueWait = _meter.CreateHistogram("dispatch.pipeline.event.queue_wait", "s", "Time from an event entering the dispatch queue to its being written to a worker.", advice: LatencyAdvice);
        _workerTime = _meter.CreateHistogram("dispatch.pipeline.event.worker_time", "s", "Time from an event being written to a worker to its reply (or failure) being read.", advice: LatencyAdvice);
        _workerRestarts = _meter.CreateCounter<long>("dispatch.workers.restarts", "{worker}", "Replacement workers started, tagged with why the previous one ended (crash or recycle).");
        _workersRecycled = _meter.CreateCounter<long>("dispatch.workers.recycled", "{worker}", "Workers retired gracefully, tagged with the reason (max_jobs or memory).");
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

    /// <summary>Once per event that was written to a worker: the two halves of its latency, recorded separately.</summary>
    public void EventTimings(string @event, TimeSpan queueWait, TimeSpan workerTime)
    {
        var tag = new KeyValuePair<string, object?>("event", @event);
        _queueWait.Record(queueWait.TotalSeconds, tag);
        _workerTime.Record(workerTime.TotalSeconds, tag);
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

    /// <param name="recycled">True when the previous worker was recycled, false when it crashed or was killed.</param>
    public void WorkerRestarted(bool recycled) =>
        _workerRestarts.Add(1, new KeyValuePair<string, object?>("reason", recycled ? "recycle" : "crash"));

    /// <param name="reason">A <see cref="Workers.RetireReasons"/> value.</param>
    public void WorkerRecycled(string reason) =>
        _workersRecycled.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
