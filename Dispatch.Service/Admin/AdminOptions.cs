namespace Dispatch.Service.Admin;

/// <summary>The operator endpoints (section <c>Dispatch:Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Serve <c>GET /stats</c> (JSON: connections, queues, workers, memory).</summary>
    public bool StatsEnabled { get; set; } = true;

    /// <summary>Answer <c>/stats</c> for non-loopback clients too. Off by default: the numbers describe the node and
    /// its workers, which is nobody else's business.</summary>
    public bool AllowRemote { get; set; }
}
