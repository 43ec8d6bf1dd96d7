using System.Text;
using Dispatch.Pipeline.Sessions;

namespace Dispatch.Tests.Pipeline;

/// <summary>An accepted, registered and activated connection: its lane plus the recording client socket.</summary>
internal sealed class TestConnection(IConnectionSession session, RecordingClient client)
{
    public string Id => session.ConnectionId;

    public IConnectionSession Session => session;

    public RecordingClient Client => client;

    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default) =>
        session.EnqueueMessageAsync(new InboundMessage(Encoding.UTF8.GetBytes(text), IsBinary: false), cancellationToken);
}
