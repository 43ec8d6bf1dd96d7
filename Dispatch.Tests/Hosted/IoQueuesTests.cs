using Dispatch.Service.Gateway;
using Dispatch.Service.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Hosted;

/// <summary><c>Dispatch:WebSocket:IoQueues</c> sets the I/O queues of Kestrel's socket transport.</summary>
public sealed class IoQueuesTests
{
    /// <summary>Half the processors, at least one and at most Kestrel's own cap of 16.</summary>
    private static readonly int DefaultQueues = Math.Clamp(Environment.ProcessorCount / 2, 1, 16);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    public async Task Configured_ReachesKestrelsSocketTransport(string configured, int expected)
    {
        await using var app = DispatchApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Dispatch:WebSocket:IoQueues"] = configured }));

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.IOQueueCount);
    }

    [Fact]
    public async Task Unset_IsHalfTheProcessors_AtLeastOne()
    {
        await using var app = DispatchApp.Build([]);

        var queues = app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.IOQueueCount;
        Assert.Equal(DefaultQueues, queues);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1025")]
    public async Task OutOfRange_BuildsWithTheDefault_AndStartUpNamesIt(string queues)
    {
        // Kestrel's transport is built with the app: a bad value must not crash Build, only fail start-up cleanly.
        await using var app = DispatchApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Dispatch:WebSocket:IoQueues"] = queues }));
        Assert.Equal(DefaultQueues, app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.IOQueueCount);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        Assert.Contains("Dispatch:WebSocket:IoQueues must be between 0 and 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotANumber_BuildsWithTheDefault_AndStartUpFails()
    {
        await using var app = DispatchApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Dispatch:WebSocket:IoQueues"] = "many" }));
        Assert.Equal(DefaultQueues, app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.IOQueueCount);

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        Assert.Contains("IoQueues", error.Message, StringComparison.Ordinal);
    }
}
