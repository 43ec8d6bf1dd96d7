using Dispatch.Commands.Hub;

namespace Dispatch.Bench.Micro;

/// <summary>An <see cref="IClientConnection"/> that only counts what it is given, so fan-out cost is the hub's own.</summary>
public sealed class FakeClientConnection : IClientConnection
{
    private long _received;

    public FakeClientConnection(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public long Received => Interlocked.Read(ref _received);

    public bool TrySend(OutboundMessage message)
    {
        Interlocked.Increment(ref _received);
        return true;
    }

    public void Close(int code, string reason)
    {
    }
}
