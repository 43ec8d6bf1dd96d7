namespace Dispatch.Commands.Hub;

/// <summary>
/// A frame ready to go out on one or many sockets. Immutable and shared: a broadcast builds one and hands the same
/// instance to every member, so the payload is encoded once, not once per member.
/// </summary>
public sealed class OutboundMessage
{
    public OutboundMessage(ReadOnlyMemory<byte> payload, bool isBinary)
    {
        Payload = payload;
        IsBinary = isBinary;
    }

    public ReadOnlyMemory<byte> Payload { get; }
    public bool IsBinary { get; }

    public static OutboundMessage Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text), isBinary: false);
}
