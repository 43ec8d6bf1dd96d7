namespace Dispatch.Pipeline.Options;

/// <summary>Bounds and timeouts of the dispatch graph (section <c>Dispatch:Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Events a single connection may have queued; beyond this its socket is not read (back-pressure).</summary>
    public int PerConnectionQueue { get; set; } = 64;

    /// <summary>Events waiting for a worker across all connections; beyond this every reader pauses.</summary>
    public int GlobalQueue { get; set; } = 4096;

    /// <summary>Worker responses waiting to be validated and applied.</summary>
    public int ApplyQueue { get; set; } = 1024;

    /// <summary>Per-event worker timeout (Polly). The worker that hung is killed and replaced.</summary>
    public TimeSpan EventTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Send the client an error frame when its event fails (<c>error_frame</c>) or not (<c>none</c>).</summary>
    public string OnEventFailure { get; set; } = "error_frame";

    /// <summary>Close a connection with 1011 after this many consecutive failed events (0 = never).</summary>
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>How long shutdown waits for in-flight and close events.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
