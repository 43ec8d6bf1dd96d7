using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Gateway;

/// <summary>A configured path matches itself and everything under it: <c>/ws</c> matches <c>/ws</c> and <c>/ws/chat</c>.</summary>
internal sealed class PathMatcher(IOptions<GatewayOptions> options)
{
    private readonly PathString[] _paths = options.Value.GetPaths().Select(static p => new PathString(p.TrimEnd('/').Length == 0 ? "/" : p.TrimEnd('/'))).ToArray();

    public bool IsWebSocketPath(PathString path)
    {
        foreach (var configured in _paths)
        {
            if (configured.Value == "/" || path.StartsWithSegments(configured, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
