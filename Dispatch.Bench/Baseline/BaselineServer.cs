using System.Net;
using System.Net.WebSockets;
using Dispatch.Bench.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Bench.Baseline;

/// <summary>
/// The baseline: a raw Kestrel websocket server with the bench apps' behaviour built in and no PHP. <c>echo</c> sends
/// every message back from the receive loop (the classic raw echo). <c>broadcast</c> mirrors deploy/bench-apps/broadcast.php:
/// <c>?role=sub</c> joins room "bench"; any message goes to every other member through per-connection bounded send
/// queues (as Dispatch's hub does), then an ack goes back to the sender. Runs in its own process (hidden subcommand
/// <c>serve-baseline</c>) so its CPU and memory are measured apart from the load client.
/// </summary>
public static class BaselineServer
{
    /// <summary>Same defaults as Dispatch.Service's websocket endpoint.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(int port, BenchApp app, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using var web = builder.Build();
        web.UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAlive, KeepAliveTimeout = KeepAlive });

        var room = new BaselineRoom();
        web.MapGet("/readyz", () => Microsoft.AspNetCore.Http.Results.Text("{\"status\":\"ready\"}", "application/json"));
        web.MapGet("/healthz", () => Microsoft.AspNetCore.Http.Results.Ok());
        web.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            if (app == BenchApp.Echo)
            {
                await EchoAsync(socket, context.RequestAborted);
            }
            else
            {
                var isSubscriber = context.Request.Query["role"] == "sub";
                await room.ServeAsync(socket, isSubscriber, context.RequestAborted);
            }
        });

        await web.StartAsync(cancellationToken);
        await web.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
        catch (OperationCanceledException)
        {
            // Shutdown or abort.
        }
    }
}
