using System.Threading.Channels;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// A connection's bounded message queue: writers wait while it is full (never drop), one reader (the lane's pump)
/// takes messages in arrival order. Completing it refuses every later write, including writes already waiting.
/// </summary>
internal sealed class PerConnectionQueue
{
    private readonly Channel<InboundMessage> _channel;

    public PerConnectionQueue(int capacity)
    {
        _channel = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    public int Count => _channel.Reader.Count;

    public bool TryWrite(InboundMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Waits for room; false when the queue was completed (the connection is closing) instead.</summary>
    public async ValueTask<bool> WriteAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        while (await _channel.Writer.WaitToWriteAsync(cancellationToken))
        {
            if (_channel.Writer.TryWrite(message))
            {
                return true;
            }
        }

        return false;
    }

    public bool TryRead(out InboundMessage message) => _channel.Reader.TryRead(out message);

    public void Complete() => _channel.Writer.TryComplete();
}
