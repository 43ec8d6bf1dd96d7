namespace Dispatch.Service.Api;

/// <summary>The server HTTP API's own listener (section <c>Dispatch:Api</c>); see docs/API.md.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>Room for the JSON around a maximal <c>data</c> field (base64 grows binary by 4/3, not covered).</summary>
    public const int BodyEnvelopeBytes = 64 * 1024;

    public bool Enabled { get; set; } = true;

    /// <summary>Where the API listens: <c>http://IP:PORT</c>, <c>http://localhost:PORT</c> or <c>http://*:PORT</c>.
    /// Port 0 picks a free port (tests).</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>The bearer token every route but the health checks requires. Optional only on a loopback Url.</summary>
    public string? Token { get; set; }

    /// <summary>Largest request body; null means <c>Limits:MaxMessageBytes</c> + 64 KiB.</summary>
    public int? MaxBodyBytes { get; set; }

    public int EffectiveMaxBodyBytes(int maxMessageBytes) =>
        MaxBodyBytes ?? (int)Math.Min(int.MaxValue, (long)maxMessageBytes + BodyEnvelopeBytes);
}
