using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Tests.EndToEnd;

/// <summary>OTLP export to a real local HTTP collector (a tiny Kestrel app standing in for one).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointSet_MetricsArePostedAsProtobufToV1Metrics()
    {
        var received = new TaskCompletionSource<(string? ContentType, byte[] Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();

            // Wait for an export that carries traffic, not only the empty first one.
            if (Encoding.UTF8.GetString(bytes).Contains("dispatch.connections.opened", StringComparison.Ordinal))
            {
                received.TrySetResult((context.Request.ContentType, bytes));
            }

            return Results.Ok();
        });
        await collector.StartAsync();
        var collectorUri = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("contract.php"), 1, new Dictionary<string, string?>
        {
            ["Dispatch:Telemetry:OtlpEndpoint"] = collectorUri,
            ["Dispatch:Telemetry:OtlpExportInterval"] = "00:00:00.500",
        });
        await using (var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws")))
        {
            Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        }

        var (contentType, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("application/x-protobuf", contentType);
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("dispatch.pipeline.event.queue_wait", text, StringComparison.Ordinal);
        Assert.Contains("dispatch.workers.live", text, StringComparison.Ordinal);
        await collector.StopAsync();
    }
}
