using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>
/// One real Dispatch in connection-hosted mode running <c>Apps/contract.php</c>. Every websocket holds a worker, so
/// there are enough workers for the largest test of the class (and for closing clients to free theirs meanwhile).
/// </summary>
public sealed class HostedContractFixture : IAsyncLifetime
{
    public const int Workers = 8;

    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), Workers, HostedSettings.With());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
