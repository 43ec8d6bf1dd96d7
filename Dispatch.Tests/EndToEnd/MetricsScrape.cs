using System.Globalization;
using System.Net;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// One parsed <c>/metrics</c> scrape: sample lines keyed as <c>name{label="value",...}</c> (labels sorted, as the
/// service renders them). <see cref="ScrapeAsync"/> is the one place that knows where <c>/metrics</c> lives.
/// </summary>
public sealed class MetricsScrape
{
    private readonly Dictionary<string, double> _samples;

    private MetricsScrape(string text, Dictionary<string, double> samples)
    {
        Text = text;
        _samples = samples;
    }

    public string Text { get; }

    /// <summary>GETs <c>/metrics</c> from the server-API listener with its bearer token.</summary>
    public static async Task<MetricsScrape> ScrapeAsync(DispatchServer server)
    {
        using var http = server.ApiClient();
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (metrics for a close land just after the client sees it).</summary>
    public static async Task<MetricsScrape> WaitAsync(DispatchServer server, Func<MetricsScrape, bool> done, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var scrape = await ScrapeAsync(server);
            if (done(scrape))
            {
                return scrape;
            }

            if (cts.IsCancellationRequested)
            {
                return scrape; // the caller's assertions then say what is missing
            }

            // Pacing between polls, not synchronisation: the condition above is what the test waits for.
            await Task.Delay(25, CancellationToken.None);
        }
    }

    public static MetricsScrape Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var value = line[(space + 1)..] switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(line[..space], value);
        }

        return new MetricsScrape(text, samples);
    }

    /// <summary>The sample's value, 0 when the series does not exist (yet).</summary>
    public double this[string name, params (string Key, string Value)[] labels] =>
        _samples.TryGetValue(Key(name, labels), out var value) ? value : 0;

    public bool Has(string name, params (string Key, string Value)[] labels) => _samples.ContainsKey(Key(name, labels));

    /// <summary>The sum over every series of <paramref name="name"/>, whatever its labels.</summary>
    public double Sum(string name) =>
        _samples.Where(s => s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal)).Sum(static s => s.Value);

    /// <summary>How much a sample grew since <paramref name="before"/>.</summary>
    public double Delta(MetricsScrape before, string name, params (string Key, string Value)[] labels) =>
        this[name, labels] - before[name, labels];

    private static string Key(string name, (string Key, string Value)[] labels) =>
        labels.Length == 0
            ? name
            : name + "{" + string.Join(',', labels.OrderBy(static l => l.Key, StringComparer.Ordinal).Select(static l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
