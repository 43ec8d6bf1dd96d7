using System.Diagnostics.Metrics;
using System.Globalization;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Observable instruments on the "Dispatch" meter: values that exist as state (queue depths, live and busy workers,
/// rooms) are read when an exporter collects, never counted on the hot path. Created once, by whoever exports.
/// </summary>
internal sealed class ServiceGauges
{
    private static readonly string[] SlotNames = [.. Enumerable.Range(0, 256).Select(static i => i.ToString(CultureInfo.InvariantCulture))];

    public ServiceGauges(IMeterFactory meterFactory, IEventPipeline pipeline, IWorkerSupervisor supervisor, ConnectionTracker tracker, IConnectionHub hub)
    {
        var meter = meterFactory.Create(GatewayMetrics.MeterName);
        meter.CreateObservableGauge("dispatch.pipeline.dispatch_queue.depth", () => pipeline.GetStats().DispatchQueueDepth, "{event}", "Events waiting for or on a worker (the dispatch block).");
        meter.CreateObservableGauge("dispatch.pipeline.apply_queue.depth", () => pipeline.GetStats().ApplyQueueDepth, "{event}", "Worker replies waiting to be applied.");
        meter.CreateObservableGauge("dispatch.pipeline.lanes", () => pipeline.ActiveSessions, "{connection}", "Connection lanes in the pipeline (accepted or opening connections).");
        meter.CreateObservableGauge("dispatch.connections.send_queue.frames", tracker.QueuedFrames, "{message}", "Frames waiting in the send queues of all connections.");
        meter.CreateObservableGauge("dispatch.rooms.active", () => hub.RoomCount, "{room}", "Rooms with at least one member.");
        meter.CreateObservableGauge("dispatch.workers.live", () => supervisor.LiveWorkers, "{worker}", "Workers connected and able to take events.");
        meter.CreateObservableGauge("dispatch.workers.busy", () => supervisor.GetStatus().Count(static w => w.InFlight > 0), "{worker}", "Workers with at least one event in flight.");
        meter.CreateObservableGauge("dispatch.workers.in_flight", () => InFlight(supervisor), "{event}", "Events on each worker slot now.");
    }

    private static IEnumerable<Measurement<int>> InFlight(IWorkerSupervisor supervisor) =>
        supervisor.GetStatus().Select(static w => new Measurement<int>(
            w.InFlight,
            new KeyValuePair<string, object?>("slot", w.Slot < SlotNames.Length ? SlotNames[w.Slot] : w.Slot.ToString(CultureInfo.InvariantCulture))));
}
