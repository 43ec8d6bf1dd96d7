namespace Dispatch.Bench.Results;

/// <summary>The metrics of one run (or the medians of several) of one scenario against one target.</summary>
public sealed class ScenarioResult
{
    public ScenarioResult(string scenario, string target)
    {
        Scenario = scenario;
        Target = target;
    }

    public string Scenario { get; }

    public string Target { get; }

    public List<Metric> Metrics { get; } = [];

    /// <summary>Caveats the reader must see with the numbers (client saturated, fd limit, failures).</summary>
    public List<string> Notes { get; } = [];

    public int Runs { get; init; } = 1;

    public ScenarioResult Add(string key, string label, double value, string unit, bool higherIsBetter = false)
    {
        Metrics.Add(new Metric(key, label, value, unit, higherIsBetter));
        return this;
    }

    public Metric? Find(string key) => Metrics.Find(m => m.Key == key);

    /// <summary>Per metric, the median over <paramref name="runs"/> (same scenario and target). Notes are kept once.</summary>
    public static ScenarioResult Median(IReadOnlyList<ScenarioResult> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        if (runs.Count == 1)
        {
            return runs[0];
        }

        var first = runs[0];
        var median = new ScenarioResult(first.Scenario, first.Target) { Runs = runs.Count };
        foreach (var metric in first.Metrics)
        {
            var values = runs.Select(r => r.Find(metric.Key)?.Value ?? double.NaN).Where(v => !double.IsNaN(v)).Order().ToArray();
            var value = values.Length == 0 ? double.NaN
                : values.Length % 2 == 1 ? values[values.Length / 2]
                : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
            median.Metrics.Add(metric with { Value = value });
        }

        // The same caveat from several runs differs only in its figures: keep the first of each kind.
        foreach (var note in runs.SelectMany(r => r.Notes).DistinctBy(n => n.Length > 24 ? n[..24] : n))
        {
            median.Notes.Add(note + (runs.Count > 1 ? " (at least one run)" : ""));
        }

        return median;
    }
}
