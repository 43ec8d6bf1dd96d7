using System.Net.Sockets;
using System.Text.Json;
using Dispatch.Commands.Framing;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Bench.Micro;

/// <summary>
/// An in-process stand-in for a PHP worker: listens on the launch request's unix socket and answers every event in
/// order with what deploy/bench-apps/echo.php would (open: accept; message: send the data back; close: nothing). It
/// speaks the real framing, so the pipeline benchmark measures Dispatch's side of a round trip without PHP.
/// </summary>
public sealed class InMemoryWorker : IWorkerProcess
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serve;

    public InMemoryWorker(string socketPath, int slot)
    {
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(1);
        Description = $"in-memory worker {slot} on {socketPath}";
        _serve = ServeAsync();
    }

    public int ProcessId => Environment.ProcessId;

    public string Description { get; }

    public Task<int> Exited => _exited.Task;

    public IReadOnlyList<string> RecentErrorOutput => [];

    public void Kill()
    {
        _stop.Cancel();
        _listener.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _serve.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            using var socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new FrameReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var read = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (!read.Success)
                {
                    break;
                }

                byte[] reply;
                using (var frame = read.Frame)
                {
                    reply = FrameCodec.Encode(Answer(frame.Payload.Span));
                }

                await stream.WriteAsync(reply, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopped by the supervisor.
        }
        finally
        {
            _exited.TrySetResult(0);
        }
    }

    private static byte[] Answer(ReadOnlySpan<byte> eventJson)
    {
        var reader = new Utf8JsonReader(eventJson);
        string? kind = null;
        string? id = null;
        string? data = null;
        while (reader.Read() && reader.CurrentDepth <= 1)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "event":
                    kind = reader.GetString();
                    break;
                case "id":
                    id = reader.GetString();
                    break;
                case "data":
                    data = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mode", "websocket_dispatch");
            json.WriteString("id", id ?? "");
            json.WriteBoolean("accepted", true);
            json.WriteStartArray("commands");
            if (kind == "message")
            {
                json.WriteStartObject();
                json.WriteString("event", "send");
                json.WriteString("data", data ?? "");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
