using System.Collections.Concurrent;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// Worker-side check that a connection never has two events in hand at once: wraps a behaviour and records a
/// violation when an event arrives while another of the same connection is still being answered.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private int _violations;

    public int Violations => Volatile.Read(ref _violations);

    public Func<FakeWorkerFrame, FakeWorkerAction> Wrap(Func<FakeWorkerFrame, FakeWorkerAction> inner) =>
        frame => FakeWorkerAction.Defer(async f =>
        {
            var id = f.Id ?? "";
            if (_inFlight.AddOrUpdate(id, 1, static (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref _violations);
            }

            try
            {
                // Widen the window in which a second event of the same connection could sneak in.
                await Task.Yield();
                return inner(f);
            }
            finally
            {
                _inFlight.AddOrUpdate(id, 0, static (_, n) => n - 1);
            }
        });
}
