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
    public async Task ConcurrentMeasurements_AreAllCounted_IncludingNewSeriesCreatedInTheRace()
    {
        using var collector = new MetricsCollector(Factory);
        var meter = Factory.Create("Dispatch");
        var counter = meter.CreateCounter<long>("test.race", "{event}", "Race.");
        var histogram = meter.CreateHistogram("test.race.latency", "s", "Race latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5] });
        using var start = new ManualResetEventSlim(false);

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 20_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("kind", "k" + (i % 3)));
                histogram.Record(i % 2 == 0 ? 0.25 : 0.75);
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        var scrape = Dispatch.Tests.EndToEnd.MetricsScrape.Parse(PrometheusText.Render(collector.Collect()));
        Assert.Equal(80_000, scrape.Sum("test_race_total"));
        Assert.Equal(3, Enumerable.Range(0, 3).Count(k => scrape.Has("test_race_total", ("kind", "k" + k))));
        Assert.Equal(80_000, scrape["test_race_latency_seconds_count"]);
        Assert.Equal(40_000, scrape["test_race_latency_seconds_bucket", ("le", "0.5")]);
        Assert.Equal(40_000 * 0.25 + 40_000 * 0.75, scrape["test_race_latency_seconds_sum"], 6);
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
