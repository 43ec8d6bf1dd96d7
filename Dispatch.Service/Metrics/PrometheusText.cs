using System.Globalization;
using System.Text;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Renders metric families in the Prometheus text exposition format 0.0.4: <c># HELP</c> and <c># TYPE</c> per
/// family, one line per series, histograms as cumulative <c>_bucket{le=...}</c> lines plus <c>_sum</c> and
/// <c>_count</c>. Families and series come out sorted, so a scrape is stable.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder(4096);
        foreach (var family in families.OrderBy(static f => f.Name, StringComparer.Ordinal))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            foreach (var point in family.Points.OrderBy(static p => LabelText(p.Labels, null), StringComparer.Ordinal))
            {
                if (point.Histogram is { } histogram)
                {
                    AppendHistogram(text, family.Name, point.Labels, histogram);
                }
                else
                {
                    AppendSample(text, family.Name, point.Labels, null, point.Value);
                }
            }
        }

        return text.ToString();
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Histogram => "histogram",
        _ => "gauge",
    };

    private static void AppendHistogram(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, HistogramData histogram)
    {
        long cumulative = 0;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            AppendSample(text, name + "_bucket", labels, FormatValue(histogram.Bounds[i]), cumulative);
        }

        AppendSample(text, name + "_bucket", labels, "+Inf", histogram.Count);
        AppendSample(text, name + "_sum", labels, null, histogram.Sum);
        AppendSample(text, name + "_count", labels, null, histogram.Count);
    }

    private static void AppendSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name).Append(LabelText(labels, le)).Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static string LabelText(IReadOnlyList<KeyValuePair<string, string>> labels, string? le)
    {
        if (labels.Count == 0 && le is null)
        {
            return "";
        }

        var text = new StringBuilder("{");
        foreach (var (key, value) in labels)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(key).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        if (le is not null)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append("le=\"").Append(le).Append('"');
        }

        return text.Append('}').ToString();
    }
}
