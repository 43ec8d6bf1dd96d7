using Dispatch.Service.Gateway;

namespace Dispatch.Tests.Hosted;

/// <summary>The mode switch and the hosted queue settings are checked at start-up.</summary>
public sealed class GatewayOptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(GatewayOptions options) =>
        new GatewayOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Theory]
    [InlineData("message_dispatch")]
    [InlineData("connection_hosted")]
    public void Mode_BothModesAreValid(string mode) => Assert.Empty(Errors(new GatewayOptions { Mode = mode }));

    [Fact]
    public void Mode_Unknown_IsReportedWithTheChoices()
    {
        var error = Assert.Single(Errors(new GatewayOptions { Mode = "hosted" }));
        Assert.Contains("Dispatch:WebSocket:Mode must be 'message_dispatch' or 'connection_hosted'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(11 * 60)]
    public void HostedQueueTimeout_OutOfRange_IsReported(int seconds)
    {
        var error = Assert.Single(Errors(new GatewayOptions { HostedQueueTimeout = TimeSpan.FromSeconds(seconds) }));
        Assert.StartsWith("Dispatch:WebSocket:HostedQueueTimeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HostedQueueLimit_Negative_IsReported_ZeroIsValid()
    {
        Assert.Empty(Errors(new GatewayOptions { HostedQueueLimit = 0 }));
        var error = Assert.Single(Errors(new GatewayOptions { HostedQueueLimit = -1 }));
        Assert.StartsWith("Dispatch:WebSocket:HostedQueueLimit", error, StringComparison.Ordinal);
    }
}
