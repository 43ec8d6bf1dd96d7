using Dispatch.Service.Metrics;

namespace Dispatch.Tests.Metrics;

public sealed class MessageTotalsTests
{
    [Fact]
    public async Task AddsFromManyThreads_SumToTheExactTotals_ByType()
    {
        var totals = new MessageTotals();
        const int Threads = 8;
        const int PerThread = 50_000;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                totals.Add(t + 1, binary: t % 2 == 1);
            }
        })));

        var messages = totals.Messages().ToDictionary(m => (string)m.Tags[0].Value!, m => m.Value);
        var bytes = totals.Bytes().ToDictionary(m => (string)m.Tags[0].Value!, m => m.Value);
        Assert.Equal(4 * PerThread, messages["text"]);
        Assert.Equal(4 * PerThread, messages["binary"]);
        Assert.Equal(PerThread * (1 + 3 + 5 + 7), bytes["text"]);
        Assert.Equal(PerThread * (2 + 4 + 6 + 8), bytes["binary"]);
    }

    [Fact]
    public void Measurements_AreOneUntaggedZeroBeforeAnything_ThenOnlyTheTypesSeen()
    {
        var totals = new MessageTotals();
        var empty = Assert.Single(totals.Messages());
        Assert.Equal(0, empty.Value);
        Assert.Equal(0, empty.Tags.Length);

        totals.Add(5, binary: false);

        var text = Assert.Single(totals.Bytes());
        Assert.Equal(5, text.Value);
        Assert.Equal(new KeyValuePair<string, object?>("type", "text"), text.Tags[0]);
    }
}
