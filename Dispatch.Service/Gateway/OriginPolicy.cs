using Microsoft.Extensions.Options;

namespace Dispatch.Service.Gateway;

/// <summary>The Origin allow-list of CONTRACT 4.5, checked before any worker sees the request.</summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly bool _requireOrigin;

    public OriginPolicy(IOptions<GatewayOptions> options)
    {
        _allowed = new HashSet<string>(options.Value.GetAllowedOrigins().Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _requireOrigin = options.Value.RequireOrigin;
    }

    public bool IsAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            // No Origin: not a browser, so cross-site hijacking does not apply.
            return !_requireOrigin;
        }

        return _allowed.Count == 0 || _allowed.Contains(Normalize(origin));
    }

    private static string Normalize(string origin) => origin.TrimEnd('/');
}
