using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Dispatch.Service.Gateway;

/// <summary>
/// CONTRACT 3: GET, <c>Upgrade: websocket</c>, <c>Connection</c> containing <c>upgrade</c>, and
/// <c>Sec-WebSocket-Key</c>. Kestrel does the protocol itself; this only decides between 400 and 426 so a client is
/// told what is wrong before anything reaches a worker.
/// </summary>
internal static class UpgradeRequestValidator
{
    public static UpgradeCheck Check(HttpRequest request)
    {
        var headers = request.Headers;
        var asksForWebSocket = headers.Upgrade.Any(static v => v is not null && v.Contains("websocket", StringComparison.OrdinalIgnoreCase));
        var hasKey = !string.IsNullOrWhiteSpace(headers.SecWebSocketKey);
        if (!asksForWebSocket && !hasKey)
        {
            return UpgradeCheck.NotAnUpgrade;
        }

        var connectionUpgrade = headers.Connection.Any(static v => v is not null && v.Contains("upgrade", StringComparison.OrdinalIgnoreCase));
        var isGet = HttpMethods.IsGet(request.Method);
        var versionOk = string.Equals(headers.SecWebSocketVersion, "13", StringComparison.Ordinal);
        return isGet && asksForWebSocket && connectionUpgrade && hasKey && versionOk && IsValidKey(headers.SecWebSocketKey.ToString())
            ? UpgradeCheck.Valid
            : UpgradeCheck.Malformed;
    }

    // RFC 6455 4.2.1: the key is 16 random bytes, base64-encoded (24 characters).
    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    public static string Describe(HttpRequest request)
    {
        var headers = request.Headers;
        var problems = new List<string>(4);
        if (!HttpMethods.IsGet(request.Method))
        {
            problems.Add("method must be GET");
        }

        if (!headers.Upgrade.Any(static v => v is not null && v.Contains("websocket", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("missing 'Upgrade: websocket'");
        }

        if (!headers.Connection.Any(static v => v is not null && v.Contains("upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("'Connection' must contain 'upgrade'");
        }

        if (string.IsNullOrWhiteSpace(headers.SecWebSocketKey))
        {
            problems.Add($"missing '{HeaderNames.SecWebSocketKey}'");
        }
        else if (!IsValidKey(headers.SecWebSocketKey.ToString()))
        {
            problems.Add($"invalid '{HeaderNames.SecWebSocketKey}'");
        }

        if (!string.Equals(headers.SecWebSocketVersion, "13", StringComparison.Ordinal))
        {
            problems.Add($"'{HeaderNames.SecWebSocketVersion}' must be 13");
        }

        return "Bad websocket upgrade request: " + string.Join("; ", problems) + ".";
    }
}
