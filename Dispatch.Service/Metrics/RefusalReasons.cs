namespace Dispatch.Service.Metrics;

/// <summary>Why an upgrade request got no websocket: the tag values of <c>dispatch.connections.refused</c>.</summary>
internal static class RefusalReasons
{
    public const string NotWebSocket = "not_websocket";
    public const string Malformed = "malformed";
    public const string ShuttingDown = "shutting_down";
    public const string Origin = "origin";
    public const string Limit = "limit";
    public const string Rejected = "rejected";
    public const string Unavailable = "unavailable";
    public const string OpenFailed = "open_failed";
    public const string HandshakeFailed = "handshake_failed";
}
