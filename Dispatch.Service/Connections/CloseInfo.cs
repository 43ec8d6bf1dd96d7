namespace Dispatch.Service.Connections;

/// <summary>The code and reason a connection ended with, as reported to the worker's <c>close</c> event.</summary>
internal sealed record CloseInfo(int Code, string Reason)
{
    public static CloseInfo Abnormal { get; } = new(1006, "connection lost");

    /// <summary>1005, 1006 and 1015 describe a close but may never be sent in a close frame (RFC 6455 7.4.1).</summary>
    public System.Net.WebSockets.WebSocketCloseStatus WireStatus =>
        Code is 1005 or 1006 or 1015 || Code < 1000 || Code > 4999
            ? System.Net.WebSockets.WebSocketCloseStatus.NormalClosure
            : (System.Net.WebSockets.WebSocketCloseStatus)Code;
}
