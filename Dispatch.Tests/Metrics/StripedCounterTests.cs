using Dispatch.Service.Metrics;

namespace Dispatch.Tests.Metrics;

public sealed class StripedCounterTests
{
    [Fact]
    public async Task AddsFromManyThreads_SumToTheExactTotal()
    {
        var counter = new StripedCounter();
        const int Threads = 8;
        const int PerThread = 50_000;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(t + 1);
            }
        })));

        Assert.Equal(PerThread * Enumerable.Range(1, Threads).Sum(), counter.Sum());
    }
}
