namespace Dispatch.Bench.Progress;

/// <summary>Live counters a scenario updates and the progress display reads. Every member is thread-safe.</summary>
public sealed class ProgressState
{
    private long _connected;
    private long _sent;
    private long _received;
    private long _errors;
    private string _phase = "starting";

    public string Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public long Connected => Interlocked.Read(ref _connected);

    public long Sent => Interlocked.Read(ref _sent);

    public long Received => Interlocked.Read(ref _received);

    public long Errors => Interlocked.Read(ref _errors);

    public void AddConnected(long delta = 1) => Interlocked.Add(ref _connected, delta);

    public void AddSent(long delta = 1) => Interlocked.Add(ref _sent, delta);

    public void AddReceived(long delta = 1) => Interlocked.Add(ref _received, delta);

    public void AddError() => Interlocked.Increment(ref _errors);

    public void Reset()
    {
        Interlocked.Exchange(ref _connected, 0);
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _errors, 0);
    }
}
