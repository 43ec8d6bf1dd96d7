using Dispatch.Service.Metrics;

namespace Dispatch.Tests.Metrics;

public sealed class PrometheusTextTests
{
    private static KeyValuePair<string, string> L(string key, string value) => new(key, value);

    [Fact]
    public void Render_CounterAndGauge_ExactText()
    {
        var text = PrometheusText.Render(
        [
            new MetricFamily("dispatch_workers_live", "Workers alive.", MetricType.Gauge, [new MetricPoint([], 2)]),
            new MetricFamily("dispatch_connections_closed_total", "Closed.", MetricType.Counter,
            [
                new MetricPoint([L("code", "4001")], 1),
                new MetricPoint([L("code", "1000")], 12),
            ]),
        ]);

        Assert.Equal(
            "# HELP dispatch_connections_closed_total Closed.\n" +
            "# TYPE dispatch_connections_closed_total counter\n" +
            "dispatch_connections_closed_total{code=\"1000\"} 12\n" +
            "dispatch_connections_closed_total{code=\"4001\"} 1\n" +
            "# HELP dispatch_workers_live Workers alive.\n" +
            "# TYPE dispatch_workers_live gauge\n" +
            "dispatch_workers_live 2\n",
            text);
    }

    [Fact]
    public void Render_Histogram_BucketsAreCumulative_WithSumAndCount()
    {
        var histogram = new HistogramData([0.001, 0.01, 0.1], [2, 0, 3, 1], 1.5, 6);
        var text = PrometheusText.Render(
            [new MetricFamily("lat_seconds", "Latency.", MetricType.Histogram, [new MetricPoint([L("event", "message")], 0, histogram)])]);

        Assert.Equal(
            "# HELP lat_seconds Latency.\n" +
            "# TYPE lat_seconds histogram\n" +
            "lat_seconds_bucket{event=\"message\",le=\"0.001\"} 2\n" +
            "lat_seconds_bucket{event=\"message\",le=\"0.01\"} 2\n" +
            "lat_seconds_bucket{event=\"message\",le=\"0.1\"} 5\n" +
            "lat_seconds_bucket{event=\"message\",le=\"+Inf\"} 6\n" +
            "lat_seconds_sum{event=\"message\"} 1.5\n" +
            "lat_seconds_count{event=\"message\"} 6\n",
            text);
    }

    [Fact]
    public void Render_EscapesLabelValuesAndHelp()
    {
        var text = PrometheusText.Render(
            [new MetricFamily("m", "Back\\slash and\nnewline.", MetricType.Gauge, [new MetricPoint([L("reason", "a \"quoted\" \\ path\nnext")], 1)])]);

        Assert.Equal(
            "# HELP m Back\\\\slash and\\nnewline.\n" +
            "# TYPE m gauge\n" +
            "m{reason=\"a \\\"quoted\\\" \\\\ path\\nnext\"} 1\n",
            text);
    }

    [Theory]
    [InlineData(0.0005, "0.0005")]
    [InlineData(10, "10")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatValue_InvariantAndPrometheusSpecials(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.FormatValue(value));

    [Theory]
    [InlineData("dispatch.connections.opened", "{connection}", "counter", "dispatch_connections_opened_total")]
    [InlineData("dispatch.pipeline.event.queue_wait", "s", "histogram", "dispatch_pipeline_event_queue_wait_seconds")]
    [InlineData("dispatch.client.received", "By", "counter", "dispatch_client_received_bytes_total")]
    [InlineData("dispatch.workers.live", "{worker}", "gauge", "dispatch_workers_live")]
    [InlineData("already_total", null, "counter", "already_total")]
    [InlineData("took.seconds", "s", "gauge", "took_seconds")]
    [InlineData("9-lives", "", "gauge", "_9_lives")]
    public void MetricName_FollowsTheOpenTelemetryConventions(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, Enum.Parse<MetricType>(type, ignoreCase: true)));
}
