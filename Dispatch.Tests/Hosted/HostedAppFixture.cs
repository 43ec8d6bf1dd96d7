using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>One real Dispatch in connection-hosted mode running <c>Apps/hosted.php</c> (PHP state per connection).</summary>
public sealed class HostedAppFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 4, HostedSettings.With());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
