using Dispatch.Pipeline.Sessions;
using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Gateway;

/// <summary>Builds the per-connection facts every event carries (CONTRACT 4.1).</summary>
internal sealed class DescriptorFactory(TimeProvider timeProvider)
{
    // Hop-by-hop and handshake headers mean nothing to a worker; cookie and authorization are passed on purpose
    // (the worker authenticates).
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "upgrade", "keep-alive", "te", "trailer", "transfer-encoding", "proxy-connection",
        "proxy-authorization", "proxy-authenticate", "sec-websocket-key", "sec-websocket-version",
        "sec-websocket-extensions",
    };

    public ConnectionDescriptor Create(HttpContext context, string connectionId)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (!Skipped.Contains(name))
            {
                headers[name.ToLowerInvariant()] = string.Join(", ", values.Where(static v => v is not null));
            }
        }

        var query = new Dictionary<string, string>(request.Query.Count, StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            // First value wins (CONTRACT 4.1).
            query.TryAdd(name, values.Count > 0 ? values[0] ?? "" : "");
        }

        var requestId = FirstOrNull(request.Headers["X-Request-Id"]) ?? ConnectionIdGenerator.NewId();
        var traceId = FirstOrNull(request.Headers["X-Trace-Id"]) ?? requestId;
        return new ConnectionDescriptor(
            connectionId,
            request.Path.Value ?? "/",
            query,
            headers,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            requestId,
            traceId,
            timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    // Trace ids come from the client for correlation only; they are capped so they cannot bloat every event.
    private static string? FirstOrNull(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.Count > 0 ? values[0] : null;
        return string.IsNullOrWhiteSpace(value) ? null : value.Length > 128 ? value[..128] : value;
    }
}
