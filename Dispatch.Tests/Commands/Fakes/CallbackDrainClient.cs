using Dispatch.Commands.Hub;

namespace Dispatch.Tests.Commands.Fakes;

/// <summary>A connection whose drain runs a callback, to act at a known point of a fan-out's writes.</summary>
internal sealed class CallbackDrainClient(Action onDrain) : IClientConnection
{
    public string Id => "callback";

    public int Drains { get; private set; }

    public bool TrySend(OutboundMessage message) => true;

    public void Drain()
    {
        Drains++;
        onDrain();
    }

    public void Close(int code, string reason)
    {
    }
}
