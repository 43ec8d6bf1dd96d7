namespace Dispatch.Tests.EndToEnd;

/// <summary>One real Dispatch with two PHP workers running <c>Apps/presence.php</c>, presence on for <c>lobby-*</c>.</summary>
public sealed class PresenceAppFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new() { ["Dispatch:Presence:Rooms:0"] = "lobby-*" };

    public DispatchServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DispatchServer.StartAsync(PhpPaths.TestApp("presence.php"), workers: 2, Settings);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
