using System.Collections.Concurrent;
using Dispatch.Commands.Hub;

namespace Dispatch.Tests.Commands.Fakes;

/// <summary>Records what the hub and router hand a connection. Thread-safe; can refuse or throw to play a bad socket.</summary>
internal sealed class FakeClientConnection : IClientConnection
{
    private readonly ConcurrentQueue<OutboundMessage> _sent = new();
    private readonly ConcurrentQueue<(int Code, string Reason)> _closes = new();

    public FakeClientConnection(string id) => Id = id;

    public string Id { get; }

    /// <summary>When false, TrySend refuses every frame, as a full (slow consumer) queue does.</summary>
    public bool Accepts { get; set; } = true;

    public bool ThrowsOnSend { get; set; }

    public IReadOnlyList<OutboundMessage> Sent => [.. _sent];

    public IReadOnlyList<string> SentTexts => _sent.Select(m => System.Text.Encoding.UTF8.GetString(m.Payload.Span)).ToList();

    public IReadOnlyList<(int Code, string Reason)> Closes => [.. _closes];

    public int SendAttempts;

    public bool TrySend(OutboundMessage message)
    {
        Interlocked.Increment(ref SendAttempts);
        if (ThrowsOnSend)
        {
            throw new InvalidOperationException("socket exploded");
        }

        if (!Accepts)
        {
            return false;
        }

        _sent.Enqueue(message);
        return true;
    }

    public void Close(int code, string reason) => _closes.Enqueue((code, reason));
}
