namespace Dispatch.Bench.Results;

/// <summary>One measured figure. <paramref name="Key"/> is stable (JSON, ratios); <paramref name="HigherIsBetter"/>
/// says which way a ratio is good.</summary>
public sealed record Metric(string Key, string Label, double Value, string Unit, bool HigherIsBetter);
