using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Api;

/// <summary>
/// <c>GET /openapi.json</c>: the hand-written OpenAPI 3 document embedded from <c>Api/openapi.json</c>. A test compares
/// its paths with the mapped routes, so a route cannot be added without documenting it.
/// </summary>
internal static class OpenApiEndpoint
{
    public const string Path = "/openapi.json";
    private const string ResourceName = "Dispatch.Service.Api.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, static () => Results.Bytes(Document.Value, "application/json"));

    /// <summary>The document's bytes, for tests.</summary>
    public static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
