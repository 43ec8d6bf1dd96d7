namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// One complete client message. The pipeline owns <paramref name="Payload"/> from here on. A message with a
/// <see cref="Rejection"/> is not dispatched: its rejection is delivered in its turn instead.
/// </summary>
public readonly record struct InboundMessage(ReadOnlyMemory<byte> Payload, bool IsBinary)
{
    public MessageRejection? Rejection { get; init; }
}
