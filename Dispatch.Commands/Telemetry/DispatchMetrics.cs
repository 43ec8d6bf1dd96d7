using System.Diagnostics.Metrics;
using Dispatch.Commands.Validation;

namespace Dispatch.Commands.Telemetry;

/// <summary>
/// The "Dispatch" meter and its counters, shared by the whole app. Every counter also keeps a plain running total
/// (<see cref="CommandsApplied"/>, ...) so tests and a dashboard can read it without a <see cref="MeterListener"/>.
/// </summary>
public sealed class DispatchMetrics : IDisposable
{
    public const string MeterName = "Dispatch";

    /// <summary>Latency buckets in seconds (half a millisecond to ten seconds): advised by every Dispatch histogram, and
    /// what the /metrics collector uses for a histogram that advises none.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _commandsApplied;
    private readonly Counter<long> _commandsRejected;
    private readonly Counter<long> _responsesRejected;
    private readonly Counter<long> _unknownTargets;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesNotQueued;
    private readonly Counter<long> _broadcastDeliveries;

    private static readonly KeyValuePair<string, object?>[] CommandTags =
    [
        .. Enum.GetValues<CommandKind>().Select(static k => new KeyValuePair<string, object?>("command", WireName(k))),
    ];

    private static readonly KeyValuePair<string, object?> UnknownCommandTag = new("command", "other");

    private long _commandsAppliedTotal;
    private long _commandsRejectedTotal;
    private long _responsesRejectedTotal;
    private long _unknownTargetsTotal;
    private long _messagesSentTotal;
    private long _messagesNotQueuedTotal;
    private long _broadcastDeliveriesTotal;

    /// <param name="meterFactory">The host's factory when DI has one; otherwise this instance owns its meter.</param>
    public DispatchMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _commandsApplied = _meter.CreateCounter<long>("dispatch.commands.applied", "{command}", "Worker commands applied to the hub.");
        _commandsRejected = _meter.CreateCounter<long>("dispatch.commands.rejected", "{command}", "Worker commands skipped by validation, tagged with the reason kind.");
        _responsesRejected = _meter.CreateCounter<long>("dispatch.responses.rejected", "{response}", "Worker responses rejected whole (nothing applied).");
        _unknownTargets = _meter.CreateCounter<long>("dispatch.commands.unknown_targets", "{target}", "Commands addressed to a connection or user not on this node.");
        _messagesSent = _meter.CreateCounter<long>("dispatch.messages.sent", "{message}", "Frames queued to client connections.");
        _messagesNotQueued = _meter.CreateCounter<long>("dispatch.messages.not_queued", "{message}", "Frames a client connection refused (closing or slow consumer).");
        _broadcastDeliveries = _meter.CreateCounter<long>("dispatch.broadcast.deliveries", "{message}", "Frames queued to room members by broadcasts.");
    }

    /// <summary>This instance's meter; tests listen to it alone, since every instance shares the name "Dispatch".</summary>
    internal Meter Meter => _meter;

    public long CommandsApplied => Interlocked.Read(ref _commandsAppliedTotal);
    public long CommandsRejected => Interlocked.Read(ref _commandsRejectedTotal);
    public long ResponsesRejected => Interlocked.Read(ref _responsesRejectedTotal);
    public long UnknownTargets => Interlocked.Read(ref _unknownTargetsTotal);
    public long MessagesSent => Interlocked.Read(ref _messagesSentTotal);
    public long MessagesNotQueued => Interlocked.Read(ref _messagesNotQueuedTotal);
    public long BroadcastDeliveries => Interlocked.Read(ref _broadcastDeliveriesTotal);


    /// <summary>One applied command, tagged with its wire name (a closed set, so the tag arrays are built once).</summary>
    public void AddCommandApplied(CommandKind kind)
    {
        Interlocked.Increment(ref _commandsAppliedTotal);
        var tags = (uint)kind < (uint)CommandTags.Length ? CommandTags[(int)kind] : UnknownCommandTag;
        _commandsApplied.Add(1, tags);
    }

    /// <param name="reasonKind">A short, bounded label such as <c>room</c> or <c>payload</c> (never free text: it is a metric tag).</param>
    public void AddCommandRejected(string reasonKind)
    {
        Interlocked.Increment(ref _commandsRejectedTotal);
        _commandsRejected.Add(1, new KeyValuePair<string, object?>("reason", reasonKind));
    }

    public void AddResponseRejected() => Add(_responsesRejected, ref _responsesRejectedTotal, 1);
    public void AddUnknownTargets(long count = 1) => Add(_unknownTargets, ref _unknownTargetsTotal, count);
    public void AddMessagesSent(long count = 1) => Add(_messagesSent, ref _messagesSentTotal, count);
    public void AddMessagesNotQueued(long count = 1) => Add(_messagesNotQueued, ref _messagesNotQueuedTotal, count);
    public void AddBroadcastDeliveries(long count) => Add(_broadcastDeliveries, ref _broadcastDeliveriesTotal, count);

    public void Dispose()
    {
        // A factory-created meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>The CONTRACT 4.3 name of a command (aliases normalised), e.g. <c>send_to_user</c>.</summary>
    private static string WireName(CommandKind kind) => kind switch
    {
        CommandKind.SendTo => "send_to",
        CommandKind.SendToUser => "send_to_user",
        CommandKind.ReplaceRooms => "replace_rooms",
        CommandKind.KickRoom => "kick_room",
        CommandKind.SetMetadata => "set_metadata",
        CommandKind.ClearMetadata => "clear_metadata",
        CommandKind.ScheduleClose => "schedule_close",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void Add(Counter<long> counter, ref long total, long count)
    {
        if (count <= 0)
        {
            return;
        }

        Interlocked.Add(ref total, count);
        counter.Add(count);
    }
}
