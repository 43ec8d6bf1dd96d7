using Dispatch.Pipeline.Presence;
using Dispatch.Service.Hosted;

namespace Dispatch.Tests.Hosted;

/// <summary>Presence events are a message-dispatch feature: configured rooms fail a connection-hosted start.</summary>
public sealed class HostedPresenceValidatorTests
{
    [Fact]
    public void NoRooms_IsValid()
    {
        Assert.True(new HostedPresenceValidator().Validate(null, new PresenceOptions()).Succeeded);
    }

    [Fact]
    public void Rooms_FailWithTheReasonAndTheWayOut()
    {
        var result = new HostedPresenceValidator().Validate(null, new PresenceOptions { Rooms = ["lobby"] });

        var error = Assert.Single(result.Failures!);
        Assert.Contains("Dispatch:Presence:Rooms", error, StringComparison.Ordinal);
        Assert.Contains("connection_hosted", error, StringComparison.Ordinal);
    }
}
