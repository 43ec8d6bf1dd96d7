namespace Dispatch.Tests.Fakes;

/// <summary>What a <see cref="FakeWorkerAction"/> resolved to: bytes to write, then optionally close the connection.</summary>
internal sealed record FakeWorkerResult(byte[]? Bytes, bool Close)
{
    public static FakeWorkerResult Nothing { get; } = new(null, false);

    public static FakeWorkerResult Write(byte[] bytes) => new(bytes, false);
}
