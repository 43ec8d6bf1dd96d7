namespace Dispatch.Tests.EndToEnd;

/// <summary>One real Dispatch with two PHP workers running <c>Apps/contract.php</c>, shared by a test class.</summary>
public sealed class ContractAppFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), workers: 2);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
