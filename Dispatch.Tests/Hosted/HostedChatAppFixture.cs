using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>The demo chat (<c>php-worker/examples/chat.php</c>) in connection-hosted mode: a worker per websocket.</summary>
public sealed class HostedChatAppFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await DispatchServer.StartAsync(PhpPaths.Example("chat.php"), workers: 6, HostedSettings.With());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
