namespace Dispatch.Pipeline.Sessions;

/// <summary>One complete client message. The pipeline owns <paramref name="Payload"/> from here on.</summary>
public readonly record struct InboundMessage(ReadOnlyMemory<byte> Payload, bool IsBinary);
