using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dispatch.Service.Api;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>
/// <c>/openapi.json</c> is served, and it documents exactly the mapped routes (method and path), each with examples,
/// so the document cannot drift from the code.
/// </summary>
public sealed partial class ApiOpenApiTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    [Fact]
    public async Task Document_IsServedAsOpenApi3Json()
    {
        using var api = fixture.Server.ApiClient();
        var reply = await ApiReply.GetAsync(api, "/openapi.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.StartsWith("3.", reply.Body.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", reply.Body.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public void Document_ListsEveryMappedRoute_AndNothingElse()
    {
        // "*" for endpoints that take any method (health checks mapped with MapHealthChecks): any documented operation
        // on the path covers them.
        var mapped = fixture.Server.GetRequiredService<ApiServer>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                .Select(m => (Method: m.ToLowerInvariant(), Path: Normalise(e.RoutePattern.RawText!))))
            .ToHashSet();
        using var document = JsonDocument.Parse(OpenApiEndpoint.Load());
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => (Method: o.Name, Path: p.Name)))
            .ToHashSet();

        Assert.True(mapped.Count >= 16, $"only {mapped.Count} routes found: {string.Join(", ", mapped)}");
        Assert.Empty(mapped.Where(m => m.Method == "*" ? !documented.Any(d => d.Path == m.Path) : !documented.Contains(m)).Order());
        Assert.Empty(documented.Where(d => !mapped.Contains(d) && !mapped.Contains(("*", d.Path))).Order());
    }

    [Fact]
    public void Document_EveryOperationHasAResponseExample_AndEveryRequestBodyAnExample()
    {
        using var document = JsonDocument.Parse(OpenApiEndpoint.Load());
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                var examples = operation.Value.GetProperty("responses").EnumerateObject()
                    .Count(r => r.Value.TryGetProperty("content", out var content) && HasExample(content));
                Assert.True(examples > 0 || path.Name == "/healthz", $"{where} has no response example");
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    Assert.True(HasExample(body.GetProperty("content")), $"{where} has no request body example");
                }
            }
        }
    }

    private static bool HasExample(JsonElement content) =>
        content.EnumerateObject().Any(media => media.Value.TryGetProperty("example", out _) || media.Value.TryGetProperty("examples", out _));

    /// <summary>"/v1/admin/workers/{index:int}/restart" is "/v1/admin/workers/{index}/restart" in OpenAPI.</summary>
    private static string Normalise(string pattern) => Constraint().Replace(pattern.StartsWith('/') ? pattern : "/" + pattern, "}");

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
