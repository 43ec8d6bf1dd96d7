namespace Dispatch.Bench.Scenarios;

/// <summary>Load parameters shared by the scenarios; each uses the ones that apply to it.</summary>
public sealed record ScenarioSettings
{
    /// <summary>echo: concurrent closed-loop connections; idle: connections to hold.</summary>
    public int Connections { get; init; } = 50;

    /// <summary>Length of the measured window (echo, broadcast publishing, connect) or of the hold (idle).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the measured window, not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public int MessageSize { get; init; } = 64;

    public int Subscribers { get; init; } = 1000;

    /// <summary>broadcast: publishes per second.</summary>
    public double Rate { get; init; } = 200;

    /// <summary>connect: concurrent open+close loops; idle: concurrent connects while ramping up.</summary>
    public int Concurrency { get; init; } = 50;

    /// <summary>broadcast: how long to wait after the last publish for deliveries still in flight.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one connect, one round trip, one close.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Loopback source addresses to spread connections over; 0 chooses from the connection count.</summary>
    public int SourceAddresses { get; init; }

    /// <summary>Upper bound on messages (echo round trips, broadcast publishes) per run, whatever the duration.</summary>
    public long MaxMessages { get; init; } = 100_000_000;
}
