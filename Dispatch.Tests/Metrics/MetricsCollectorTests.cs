using System.Diagnostics.Metrics;
using Dispatch.Service.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Tests.Metrics;

public sealed class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Counters_SumPerTagSet_WhateverTheTagOrder()
    {
        using var collector = new MetricsCollector(Factory);
        var meter = Factory.Create("Dispatch");
        var counter = meter.CreateCounter<long>("test.events", "{event}", "Events.");
        counter.Add(2, new("event", "open"), new("outcome", "applied"));
        counter.Add(3, new("outcome", "applied"), new("event", "open"));
        counter.Add(1, new("event", "close"), new("outcome", "applied"));

        var text = PrometheusText.Render(collector.Collect());

        Assert.Equal(
            "# HELP test_events_total Events.\n" +
            "# TYPE test_events_total counter\n" +
            "test_events_total{event=\"close\",outcome=\"applied\"} 1\n" +
            "test_events_total{event=\"open\",outcome=\"applied\"} 5\n",
            text);
    }

    [Fact]
    public void Histogram_UsesTheAdvisedBuckets_LessOrEqual()
    {
        using var collector = new MetricsCollector(Factory);
        var meter = Factory.Create("Dispatch");
        var histogram = meter.CreateHistogram("test.latency", "s", "Latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1] });
        histogram.Record(0.01);
        histogram.Record(0.05);
        histogram.Record(7);

        var family = Assert.Single(collector.Collect());
        Assert.Equal("test_latency_seconds", family.Name);
        var data = Assert.Single(family.Points).Histogram!;
        Assert.Equal([0.01, 0.1], data.Bounds);
        Assert.Equal([1L, 1L, 1L], data.BucketCounts);
        Assert.Equal(3, data.Count);
        Assert.Equal(7.06, data.Sum, 9);
    }

    [Fact]
    public void ObservableGauge_IsAskedOnEachCollect_AndUnusedCountersShowZero()
    {
        using var collector = new MetricsCollector(Factory);
        var meter = Factory.Create("Dispatch");
        var depth = 3;
        meter.CreateObservableGauge("test.depth", () => depth);
        meter.CreateCounter<long>("test.unused");

        Assert.Contains("test_depth 3\n", PrometheusText.Render(collector.Collect()), StringComparison.Ordinal);
        depth = 0;
        var text = PrometheusText.Render(collector.Collect());
        Assert.Contains("test_depth 0\n", text, StringComparison.Ordinal);
        Assert.Contains("test_unused_total 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherHostsMeters_WithTheSameName_AreNotCollected()
    {
        using var collector = new MetricsCollector(Factory);
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        other.GetRequiredService<IMeterFactory>().Create("Dispatch").CreateCounter<long>("test.foreign").Add(1);
        using var unscoped = new Meter("Dispatch");
        unscoped.CreateCounter<long>("test.unscoped").Add(1);
        Factory.Create("Dispatch").CreateCounter<long>("test.mine").Add(1);

        var names = collector.Collect().Select(static f => f.Name).ToList();
        Assert.Contains("test_mine_total", names);
        Assert.DoesNotContain("test_foreign_total", names);
        Assert.DoesNotContain("test_unscoped_total", names);
    }
}
