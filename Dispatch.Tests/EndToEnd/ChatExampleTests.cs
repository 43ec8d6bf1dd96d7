namespace Dispatch.Tests.EndToEnd;

/// <summary>The demo chat app: three clients in two rooms (scenarios in <see cref="ChatScenarios"/>).</summary>
public sealed class ChatExampleTests(ChatAppFixture fixture) : ChatScenarios, IClassFixture<ChatAppFixture>
{
    protected override DispatchServer Server => fixture.Server;
}
