namespace Dispatch.Tests.EndToEnd;

/// <summary>One real Dispatch with two PHP workers running the demo chat (<c>php-worker/examples/chat.php</c>).</summary>
public sealed class ChatAppFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DispatchServer.StartAsync(PhpPaths.Example("chat.php"), workers: 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
