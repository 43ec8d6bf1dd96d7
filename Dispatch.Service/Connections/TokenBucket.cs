namespace Dispatch.Service.Connections;

/// <summary>
/// A per-connection message rate limit: <c>burst</c> tokens, refilled at <c>perSecond</c>. Not thread-safe: only the
/// connection's receive loop takes tokens.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(TimeProvider time, double perSecond, int burst)
    {
        _time = time;
        _perSecond = perSecond;
        _burst = Math.Max(1, burst);
        _tokens = _burst;
        _lastRefill = time.GetTimestamp();
    }

    public bool TryTake()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _perSecond));
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
