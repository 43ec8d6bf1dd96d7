using System.Collections.Frozen;
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

    // Every connection keeps its headers for its whole life (each event carries them). Kestrel spells the names it
    // knows in title case, so lowercasing allocated a new name string per header per connection; these common ones
    // are lowercased once. A fixed set: names a client invents must not grow a process-wide cache.
    private static readonly FrozenDictionary<string, string> LowerNames = new[]
    {
        "host", "origin", "user-agent", "accept", "accept-encoding", "accept-language", "cache-control", "pragma",
        "cookie", "authorization", "referer", "dnt", "forwarded", "x-forwarded-for", "x-forwarded-proto",
        "x-forwarded-host", "x-forwarded-port", "x-real-ip", "x-request-id", "x-trace-id", "traceparent", "tracestate",
        "sec-websocket-protocol", "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "sec-ch-ua",
        "sec-ch-ua-mobile", "sec-ch-ua-platform",
    }.ToFrozenDictionary(static name => name, StringComparer.OrdinalIgnoreCase);

    private static readonly IReadOnlyDictionary<string, string> NoQuery = FrozenDictionary<string, string>.Empty;

    public ConnectionDescriptor Create(HttpContext context, string connectionId, string remoteAddr)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(KeptHeaderCount(request.Headers), StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (!Skipped.Contains(name))
            {
                var lower = LowerNames.TryGetValue(name, out var known) ? known : name.ToLowerInvariant();
                headers[lower] = string.Join(", ", values.Where(static v => v is not null));
            }
        }

        // Most upgrades have no query string: they share one empty dictionary instead of holding their own.
        var query = request.Query.Count == 0 ? NoQuery : FirstValues(request.Query);

        var requestId = FirstOrNull(request.Headers["X-Request-Id"]) ?? ConnectionIdGenerator.NewId();
        var traceId = FirstOrNull(request.Headers["X-Trace-Id"]) ?? requestId;
        return new ConnectionDescriptor(
            connectionId,
            request.Path.Value ?? "/",
            query,
            headers,
            remoteAddr,
            requestId,
            traceId,
            timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    // Sized to what is kept, not to every request header: the handshake headers left out are about half of them, and
    // the dictionary lives as long as the connection.
    private static int KeptHeaderCount(IHeaderDictionary headers)
    {
        var kept = 0;
        foreach (var (name, _) in headers)
        {
            if (!Skipped.Contains(name))
            {
                kept++;
            }
        }

        return kept;
    }

    private static Dictionary<string, string> FirstValues(IQueryCollection values)
    {
        var query = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            // First value wins (CONTRACT 4.1).
            query.TryAdd(name, value.Count > 0 ? value[0] ?? "" : "");
        }

        return query;
    }

    // Trace ids come from the client for correlation only; they are capped so they cannot bloat every event.
    private static string? FirstOrNull(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.Count > 0 ? values[0] : null;
        return string.IsNullOrWhiteSpace(value) ? null : value.Length > 128 ? value[..128] : value;
    }
}
