using System.Diagnostics.Metrics;
using System.Text;

namespace Dispatch.Service.Metrics;

/// <summary>
/// OpenTelemetry instrument names to Prometheus names (the OpenTelemetry-to-Prometheus conventions): dots and other
/// invalid characters become underscores, the unit is appended as a word (<c>s</c> → <c>_seconds</c>, <c>By</c> →
/// <c>_bytes</c>; annotations such as <c>{event}</c> add nothing), and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    public static MetricType TypeOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => MetricType.Counter,
        Histogram<long> or Histogram<int> or Histogram<double> => MetricType.Histogram,
        _ => MetricType.Gauge,
    };

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
