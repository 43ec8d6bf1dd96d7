using System.Threading.Channels;
using Dispatch.Commands.Hub;

namespace Dispatch.Bench.Micro;

/// <summary>A hub connection whose sends can be awaited: the pipeline benchmark waits for the echo to reach it.</summary>
public sealed class ReplyClientConnection : IClientConnection
{
    private readonly Channel<OutboundMessage> _sent = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public ReplyClientConnection(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public bool TrySend(OutboundMessage message) => _sent.Writer.TryWrite(message);

    public void Close(int code, string reason) => _sent.Writer.TryComplete();

    public ValueTask<OutboundMessage> NextAsync(CancellationToken cancellationToken) => _sent.Reader.ReadAsync(cancellationToken);
}
