namespace Dispatch.Service.Metrics;

/// <summary>
/// A running total that many threads add to at once, read only when scraped. Each processor adds to its own cache
/// line, so two cores counting the frames of one broadcast do not bounce a shared line between them.
/// </summary>
/// <remarks>
/// For counts made once per client message or per delivered frame: a <c>Counter&lt;T&gt;.Add</c> there costs a
/// listener callback, a tag lookup and a contended update each time, which a broadcast profile showed as 2.4% of the
/// server's CPU. The totals are published through observable counters instead.
/// </remarks>
internal sealed class StripedCounter
{
    /// <summary>longs per stripe: 64 bytes, one cache line.</summary>
    private const int Spacing = 8;

    private readonly long[] _cells;
    private readonly int _mask;

    public StripedCounter()
    {
        var stripes = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _mask = stripes - 1;
        _cells = new long[stripes * Spacing];
    }

    public void Add(long value) => Interlocked.Add(ref _cells[(Thread.GetCurrentProcessorId() & _mask) * Spacing], value);

    public long Sum()
    {
        long sum = 0;
        for (var i = 0; i < _cells.Length; i += Spacing)
        {
            sum += Volatile.Read(ref _cells[i]);
        }

        return sum;
    }
}
