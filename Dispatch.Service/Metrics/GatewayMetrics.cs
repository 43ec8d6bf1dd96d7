using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Dispatch.Service.Metrics;

/// <summary>
/// The websocket side's instruments on the "Dispatch" meter: connections (open now, opened, closed by close code,
/// refused upgrades by reason), client messages and bytes in both directions, slow-consumer closes. Each is counted
/// once, where the thing happens; tags come from cached pairs, so the per-message path allocates nothing.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Dispatch";

    private readonly ConcurrentDictionary<string, KeyValuePair<string, object?>> _codeTags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KeyValuePair<string, object?>> _reasonTags = new(StringComparer.Ordinal);
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _slowConsumers;
    private readonly MessageTotals _in = new();
    private readonly MessageTotals _out = new();

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _active = meter.CreateUpDownCounter<long>("dispatch.connections.active", "{connection}", "Websocket connections open now.");
        _opened = meter.CreateCounter<long>("dispatch.connections.opened", "{connection}", "Websocket connections accepted (handshake completed).");
        _closed = meter.CreateCounter<long>("dispatch.connections.closed", "{connection}", "Accepted websocket connections that ended, tagged with the close code reported to the worker.");
        _refused = meter.CreateCounter<long>("dispatch.connections.refused", "{request}", "Websocket upgrade requests answered with an HTTP error instead of a connection, tagged with the reason.");
        _slowConsumers = meter.CreateCounter<long>("dispatch.connections.slow_consumer_closes", "{connection}", "Connections closed with 1008 because they did not drain their send queue.");
        // Counted per message and per delivered frame, so kept as striped totals and read at scrape time.
        meter.CreateObservableCounter("dispatch.client.messages.received", _in.Messages, "{message}", "Complete data messages received from websocket clients.");
        meter.CreateObservableCounter("dispatch.client.messages.sent", _out.Messages, "{message}", "Data messages written to websocket client sockets.");
        meter.CreateObservableCounter("dispatch.client.received", _in.Bytes, "By", "Payload bytes of the data messages received from websocket clients.");
        meter.CreateObservableCounter("dispatch.client.sent", _out.Bytes, "By", "Payload bytes of the data messages written to websocket client sockets.");
    }

    public void ConnectionOpened()
    {
        _opened.Add(1);
        _active.Add(1);
    }

    public void ConnectionClosed(int code)
    {
        _active.Add(-1);
        _closed.Add(1, _codeTags.GetOrAdd(CodeLabel(code), static c => new("code", c)));
    }

    /// <summary>
    /// Protocol codes (below 3000) keep their value; the application ranges are one label each (<c>3xxx</c>,
    /// <c>4xxx</c>) because a client picks its own close code, and 2,000 possible series per node would let any client
    /// grow the scrape (and blow OTLP's cardinality limit).
    /// </summary>
    internal static string CodeLabel(int code) => code switch
    {
        >= 1000 and < 3000 => code.ToString(CultureInfo.InvariantCulture),
        >= 3000 and < 4000 => "3xxx",
        >= 4000 and < 5000 => "4xxx",
        _ => "other",
    };

    /// <param name="reason">A <see cref="RefusalReasons"/> value.</param>
    public void UpgradeRefused(string reason) =>
        _refused.Add(1, _reasonTags.GetOrAdd(reason, static r => new("reason", r)));

    public void SlowConsumerClosed() => _slowConsumers.Add(1);

    public void MessageReceived(int bytes, bool binary) => _in.Add(bytes, binary);

    public void MessageSent(int bytes, bool binary) => _out.Add(bytes, binary);
}
