using System.Collections.Concurrent;
using System.Text;
using Dispatch.Commands.Hub;

namespace Dispatch.Tests.Commands.Fakes;

/// <summary>
/// A connection that, like the real one, queues on <see cref="Enqueue"/> and writes only in <see cref="Drain"/>, with
/// one drain at a time. A gate can hold every drain, to see who waits for the writes; a drain on the publisher's
/// thread is recorded and not held, so a regression fails the test at once instead of hanging it.
/// </summary>
internal sealed class DrainingClient(string id, int expected, ManualResetEventSlim? gate = null, int publisherThread = -1) : IClientConnection
{
    private readonly ConcurrentQueue<string> _queued = new();
    private readonly ConcurrentQueue<string> _written = new();
    private readonly TaskCompletionSource _allWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _draining;
    private int _drains;

    public string Id { get; } = id;

    public bool Accepts { get; set; } = true;

    public IReadOnlyList<string> Written => [.. _written];

    public int Drains => Volatile.Read(ref _drains);

    public bool DrainedOnPublisherThread { get; private set; }

    public Task AllWritten => _allWritten.Task;

    public SendOutcome Enqueue(OutboundMessage message)
    {
        if (!Accepts)
        {
            return SendOutcome.Refused;
        }

        _queued.Enqueue(Encoding.UTF8.GetString(message.Payload.Span));
        return Interlocked.CompareExchange(ref _draining, 1, 0) == 0 ? SendOutcome.QueuedDrainOwed : SendOutcome.Queued;
    }

    public void Drain()
    {
        Interlocked.Increment(ref _drains);
        if (Environment.CurrentManagedThreadId == publisherThread)
        {
            DrainedOnPublisherThread = true;
        }
        else
        {
            gate?.Wait(TimeSpan.FromSeconds(30));
        }

        do
        {
            while (_queued.TryDequeue(out var text))
            {
                _written.Enqueue(text);
            }

            Volatile.Write(ref _draining, 0);
        }
        while (!_queued.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);

        if (_written.Count >= expected)
        {
            _allWritten.TrySetResult();
        }
    }

    public bool TrySend(OutboundMessage message)
    {
        var outcome = Enqueue(message);
        if (outcome == SendOutcome.QueuedDrainOwed)
        {
            Drain();
        }

        return outcome != SendOutcome.Refused;
    }

    public void Close(int code, string reason)
    {
    }
}
