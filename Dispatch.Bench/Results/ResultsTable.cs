using System.Globalization;
using Spectre.Console;

namespace Dispatch.Bench.Results;

/// <summary>The final results table: one value column per target and, when both baseline and dispatch ran, the ratio
/// dispatch / baseline.</summary>
public static class ResultsTable
{
    public static void Print(string scenario, IReadOnlyList<ScenarioResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(scenario)}[/]");
        table.AddColumn("metric");
        foreach (var result in results)
        {
            var runs = result.Runs > 1 ? $" (median of {result.Runs})" : "";
            table.AddColumn(new TableColumn(Markup.Escape(result.Target + runs)).RightAligned());
        }

        var ratios = Ratios(results);
        if (ratios is not null)
        {
            table.AddColumn(new TableColumn("dispatch / baseline").RightAligned());
        }

        // Rows: every metric of every target, in first-seen order (Dispatch has rows the baseline lacks).
        var rows = results.SelectMany(r => r.Metrics).DistinctBy(m => m.Key).ToList();
        foreach (var metric in rows)
        {
            var cells = new List<string> { Markup.Escape(Label(metric)) };
            cells.AddRange(results.Select(r => Markup.Escape(Format(r.Find(metric.Key)?.Value))));
            if (ratios is not null)
            {
                cells.Add(ratios.TryGetValue(metric.Key, out var ratio) ? Format(ratio, "0.00") + "×" : "");
            }

            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
        foreach (var result in results)
        {
            foreach (var note in result.Notes)
            {
                AnsiConsole.MarkupLine($"[yellow]note ({Markup.Escape(result.Target)}):[/] {Markup.Escape(note)}");
            }
        }
    }

    /// <summary>dispatch / baseline per metric, or null unless both targets are present.</summary>
    public static Dictionary<string, double>? Ratios(IReadOnlyList<ScenarioResult> results)
    {
        var baseline = results.FirstOrDefault(r => r.Target == "baseline");
        var dispatch = results.FirstOrDefault(r => r.Target == "dispatch");
        if (baseline is null || dispatch is null)
        {
            return null;
        }

        var ratios = new Dictionary<string, double>();
        foreach (var metric in dispatch.Metrics)
        {
            if (baseline.Find(metric.Key) is { Value: not 0 and not double.NaN } reference && !double.IsNaN(metric.Value))
            {
                ratios[metric.Key] = metric.Value / reference.Value;
            }
        }

        return ratios;
    }

    private static string Label(Metric metric) => metric.Unit.Length == 0 ? metric.Label : $"{metric.Label} ({metric.Unit})";

    private static string Format(double? value, string? format = null)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return "–";
        }

        format ??= Math.Abs(v) >= 1000 || (v == Math.Floor(v) && Math.Abs(v) < 1e15) ? "N0"
            : Math.Abs(v) >= 1000 ? "N0" : Math.Abs(v) >= 100 ? "0.0" : Math.Abs(v) >= 10 ? "0.00" : "0.000";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }
}
