using System.Diagnostics.Metrics;

namespace Dispatch.Pipeline.Presence;

/// <summary>
/// Presence instruments on the shared "Dispatch" meter. Every membership change of a watched room ends in exactly one
/// of <see cref="Queued"/> or <see cref="NotReported"/> (the presence events themselves are counted with the other
/// events by <see cref="Telemetry.PipelineMetrics"/>, event <c>presence</c>).
/// </summary>
internal sealed class PresenceMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _queued;
    private readonly Counter<long> _notReported;
    private long _queuedTotal;
    private long _notReportedTotal;
    private long _queueFullTotal;

    public PresenceMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Telemetry.PipelineMetrics.MeterName) ?? new Meter(Telemetry.PipelineMetrics.MeterName);
        _queued = _meter.CreateCounter<long>("dispatch.presence.changes", "{change}", "Membership changes of presence rooms queued as presence events, tagged with action and cause.");
        _notReported = _meter.CreateCounter<long>("dispatch.presence.not_reported", "{change}", "Membership changes of presence rooms not reported, tagged with the reason (queue_full, closing, unpaired, no_lane).");
    }

    public long Queued => Interlocked.Read(ref _queuedTotal);
    public long NotReported => Interlocked.Read(ref _notReportedTotal);
    public long QueueFull => Interlocked.Read(ref _queueFullTotal);

    public void ChangeQueued(string action, string cause)
    {
        Interlocked.Increment(ref _queuedTotal);
        _queued.Add(1, new("action", action), new("cause", cause));
    }

    /// <param name="reason">One of the few <see cref="PresenceReport"/> names: a bounded tag.</param>
    public void ChangeNotReported(PresenceReport reason)
    {
        Interlocked.Increment(ref _notReportedTotal);
        if (reason == PresenceReport.QueueFull)
        {
            Interlocked.Increment(ref _queueFullTotal);
        }

        _notReported.Add(1, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string ReasonTag(PresenceReport reason) => reason switch
    {
        PresenceReport.QueueFull => "queue_full",
        PresenceReport.Closing => "closing",
        PresenceReport.Unpaired => "unpaired",
        _ => "no_lane",
    };
}
