using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Listens to the "Dispatch" meter of this host's <see cref="IMeterFactory"/> (not the same-named meters of other
/// hosts in the process, e.g. parallel tests) and aggregates every measurement for <c>/metrics</c>. Observable
/// instruments are asked on each <see cref="Collect"/>.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    public const string MeterName = "Dispatch";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _instruments = new();
    private readonly Lock _collect = new();

    public MetricsCollector(IMeterFactory meterFactory)
        : this(instrument => instrument.Meter.Name == MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
    {
    }

    internal MetricsCollector(Func<Instrument, bool> include)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (include(instrument))
            {
                var aggregate = _instruments.GetOrAdd(instrument, static i => new InstrumentAggregate(i));
                listener.EnableMeasurementEvents(instrument, aggregate);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out var removed);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Asks the observable instruments, then snapshots every family (series with the same name merged).</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collect)
        {
            foreach (var aggregate in _instruments.Values)
            {
                if (aggregate.Instrument.IsObservable)
                {
                    aggregate.Reset();
                }
            }

            _listener.RecordObservableInstruments();
            return
            [
                .. _instruments.Values
                    .GroupBy(static a => a.Name, StringComparer.Ordinal)
                    .Select(static g => new MetricFamily(
                        g.Key,
                        g.First().Instrument.Description ?? "",
                        g.First().Type,
                        PointsOrZero(g.First(), [.. g.SelectMany(static a => a.Snapshot())]))),
            ];
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>A counter that has counted nothing yet shows 0 rather than nothing, so a scrape before any traffic
    /// already has the sample a later one is compared with (it disappears once labelled series exist).</summary>
    private static List<MetricPoint> PointsOrZero(InstrumentAggregate aggregate, List<MetricPoint> points)
    {
        if (points.Count == 0 && aggregate.Type != MetricType.Histogram && !aggregate.Instrument.IsObservable)
        {
            points.Add(new MetricPoint([], 0));
        }

        return points;
    }
}
