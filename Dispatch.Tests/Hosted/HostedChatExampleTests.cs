using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>The demo chat's room scenarios (<see cref="ChatScenarios"/>) with the same handler file in connection-hosted mode.</summary>
public sealed class HostedChatExampleTests(HostedChatAppFixture fixture) : ChatScenarios, IClassFixture<HostedChatAppFixture>
{
    protected override DispatchServer Server => fixture.Server;
}
