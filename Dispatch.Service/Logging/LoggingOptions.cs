namespace Dispatch.Service.Logging;

/// <summary>Console log output (section <c>Dispatch:Logging</c>).</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Logging";

    public const string Simple = "simple";
    public const string Json = "json";
    public const string Systemd = "systemd";

    /// <summary><c>simple</c> (human-readable, the default), <c>json</c> (one JSON object per line, for log
    /// shippers) or <c>systemd</c>. Unset leaves the standard <c>Logging:Console:FormatterName</c> in charge.</summary>
    public string? Format { get; set; }
}
