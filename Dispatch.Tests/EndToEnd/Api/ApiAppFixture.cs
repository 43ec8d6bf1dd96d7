namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>One real Dispatch (two PHP workers on <c>Apps/contract.php</c>) with its API on 127.0.0.1:0 and the test
/// token, shared by a test class.</summary>
public sealed class ApiAppFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
