namespace Dispatch.Commands.Contract;

/// <summary>String constants of the wire contract.</summary>
public static class WireNames
{
    public const string DispatchMode = "websocket_dispatch";
    public const string HostedMode = "websocket";

    public const string Open = "open";
    public const string Message = "message";
    public const string Close = "close";
    public const string Error = "error";
    public const string Presence = "presence";

    public const string Text = "text";
    public const string Binary = "binary";
}
