namespace Dispatch.Pipeline.Options;

/// <summary>The PHP worker processes (section <c>Dispatch:Workers</c>).</summary>
public sealed class WorkersOptions
{
    public const string SectionName = "Workers";

    /// <summary>How many PHP worker processes to run.</summary>
    public int Count { get; set; } = 4;

    /// <summary>The PHP handler file (CONTRACT 6). Relative paths resolve against the content root. Null means the
    /// demo chat app shipped in <c>php-worker/examples/chat.php</c>.</summary>
    public string? App { get; set; }

    /// <summary>The PHP binary.</summary>
    public string Php { get; set; } = "php";

    /// <summary>
    /// php.ini settings for every worker, passed as <c>php -d NAME=VALUE</c>. The defaults turn on OPcache and its
    /// tracing JIT for the CLI (off in a stock php-cli): a worker is a long-lived CLI process, the very case they pay
    /// for, and they took about 20% off the PHP CPU per echo event in paired bench runs. A value set here replaces the
    /// default of the same name (e.g. <c>Dispatch__Workers__Ini__opcache.jit=off</c>); settings of an extension that is
    /// not loaded are ignored by PHP.
    /// </summary>
    public IDictionary<string, string> Ini { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["opcache.enable_cli"] = "1",
        ["opcache.jit"] = "tracing",
        ["opcache.jit_buffer_size"] = "64M",
    };

    /// <summary>The worker entry script; null means <c>php-worker/bin/dispatch-worker</c> found from the content root.</summary>
    public string? WorkerScript { get; set; }

    /// <summary>Environment variables set for every PHP worker on top of Dispatch's own environment (which workers
    /// inherit), e.g. <c>DISPATCH_API_URL</c> and <c>DISPATCH_API_TOKEN</c> for the PHP API client. Env form:
    /// <c>Dispatch__Workers__Environment__NAME=value</c>.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Directory for the workers' unix sockets; null means a fresh directory under the temp path.</summary>
    public string? SocketDirectory { get; set; }

    /// <summary>How long a starting worker may take to open its socket.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First restart delay after a crash; doubles per consecutive crash up to <see cref="RestartBackoffMax"/>.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan RestartBackoffMax { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events a worker may pipeline: written before the previous answer arrives (events of different
    /// connections; a connection never has more than one in flight).</summary>
    public int PipelineDepth { get; set; } = 16;

    /// <summary>
    /// The CPU time slice the workers ask the Linux scheduler for (Linux 6.12 and later), when
    /// <see cref="SchedulingSliceMode"/> says; <see cref="TimeSpan.Zero"/> always keeps the kernel's default, about
    /// 0.7 ms × (1 + log2 CPUs). A worker with a shorter slice than a busy gateway thread may preempt it as soon as an
    /// event wakes it instead of waiting for that slice to run out: under a large fan-out this halves the publisher's
    /// round trip to PHP. It also wakes the worker for fewer events at a time, which costs throughput when many small
    /// events keep every core busy; hence only during fan-outs by default.
    /// </summary>
    public TimeSpan SchedulingSlice { get; set; } = TimeSpan.FromMicroseconds(100);

    /// <summary>When <see cref="SchedulingSlice"/> applies: <see cref="Options.SchedulingSliceMode.FanOut"/> (while
    /// large fan-outs run) or <see cref="Options.SchedulingSliceMode.Always"/>.</summary>
    public SchedulingSliceMode SchedulingSliceMode { get; set; } = SchedulingSliceMode.FanOut;

    /// <summary>
    /// Frames per second queued by large fan-outs (rooms or users of 32 connections and more, whose socket writes go to
    /// the thread pool) at which <see cref="Options.SchedulingSliceMode.FanOut"/> gives the workers the short slice;
    /// they get the default back after a second below it. Sampled per 100 ms, so at least 10.
    /// </summary>
    public int FanOutSliceThreshold { get; set; } = 10_000;

    /// <summary>Recycle a worker after this many events (0 = never).</summary>
    public long MaxJobs { get; set; }

    /// <summary>Recycle a worker whose resident memory exceeds this many MB (0 = never); its in-hand events finish first.</summary>
    public long MaxMemoryMb { get; set; }

    /// <summary>How often worker memory is checked against <see cref="MaxMemoryMb"/>.</summary>
    public TimeSpan MemoryCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an event waits for a worker while none is alive (start-up, crash loop) before it is answered
    /// <c>Unavailable</c>. While workers are alive but busy, an event waits for a free slot until its own timeout.</summary>
    public TimeSpan UnavailableTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>StopAsync</c> lets workers finish their in-flight events and exit after their connection is
    /// closed, before the survivors are killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A worker that ran at least this long before it crashed restarts after <see cref="RestartBackoff"/> again.</summary>
    public TimeSpan RestartBackoffResetAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A worker slot with <see cref="CrashLoopThreshold"/> crashes within <see cref="CrashLoopWindow"/> is
    /// crash-looping: logged at Error, reported by the supervisor, restarted at <see cref="RestartBackoffMax"/>.</summary>
    public int CrashLoopThreshold { get; set; } = 5;
    public TimeSpan CrashLoopWindow { get; set; } = TimeSpan.FromSeconds(30);
}
