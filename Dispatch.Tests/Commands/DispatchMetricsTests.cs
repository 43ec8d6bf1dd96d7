using System.Diagnostics.Metrics;
using Dispatch.Commands.Telemetry;

namespace Dispatch.Tests.Commands;

public sealed class DispatchMetricsTests
{
    [Fact]
    public void Add_UpdatesTotalsAndPublishesOnTheDispatchMeter()
    {
        using var metrics = new DispatchMetrics();
        var seen = new List<(string Instrument, long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            seen.Add((instrument.Name, value, reason));
        });
        listener.Start();

        metrics.AddCommandApplied(Dispatch.Commands.Validation.CommandKind.Send);
        metrics.AddCommandApplied(Dispatch.Commands.Validation.CommandKind.Send);
        metrics.AddCommandApplied(Dispatch.Commands.Validation.CommandKind.Join);
        metrics.AddCommandRejected("room");
        metrics.AddResponseRejected();
        metrics.AddBroadcastDeliveries(0); // nothing delivered: nothing recorded

        Assert.Equal(3, metrics.CommandsApplied);
        Assert.Equal(1, metrics.CommandsRejected);
        Assert.Equal(1, metrics.ResponsesRejected);
        Assert.Equal(0, metrics.BroadcastDeliveries);
        Assert.Equal(3, seen.Count(s => s.Instrument == "dispatch.commands.applied" && s.Value == 1L));
        Assert.Contains(("dispatch.commands.rejected", 1L, "room"), seen);
        Assert.Contains(("dispatch.responses.rejected", 1L, (string?)null), seen);
        Assert.DoesNotContain(seen, s => s.Instrument == "dispatch.broadcast.deliveries");
    }
}
