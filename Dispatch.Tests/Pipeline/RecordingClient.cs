using System.Text;
using Dispatch.Commands.Hub;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// A client socket as the hub sees it: records every frame and the close. Like the service, a close request ends the
/// session (<see cref="OnClose"/> calls <c>CloseAsync</c>).
/// </summary>
internal sealed class RecordingClient : IClientConnection
{
    private readonly Lock _gate = new();
    private readonly List<string> _frames = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly TaskCompletionSource<(int Code, string Reason)> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingClient(string id) => Id = id;

    public string Id { get; }

    public Action<int, string>? OnClose { get; set; }

    public Task<(int Code, string Reason)> Closed => _closed.Task;

    public IReadOnlyList<string> Frames
    {
        get { lock (_gate) { return [.. _frames]; } }
    }

    public bool TrySend(OutboundMessage message)
    {
        var text = message.IsBinary ? Convert.ToBase64String(message.Payload.Span) : Encoding.UTF8.GetString(message.Payload.Span);
        lock (_gate)
        {
            _frames.Add(text);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_frames.Count >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return true;
    }

    public void Close(int code, string reason)
    {
        if (_closed.TrySetResult((code, reason)))
        {
            OnClose?.Invoke(code, reason);
        }
    }

    public async Task<IReadOnlyList<string>> WaitForFramesAsync(int count)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_frames.Count >= count)
            {
                return [.. _frames];
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        await signal.Task.WaitAsync(PipelineHarness.Patience);
        return Frames;
    }
}
