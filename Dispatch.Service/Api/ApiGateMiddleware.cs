using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Dispatch.Service.Api;

/// <summary>
/// Runs after routing on the API listener: every endpoint without <see cref="IAllowAnonymous"/> metadata (all but the
/// health checks) needs the bearer token, and so does a path with no route, so the 404 tells an unauthenticated caller
/// nothing; then an unknown route gets a JSON 404. A wrong method still reaches routing's 405 endpoint.
/// </summary>
internal sealed class ApiGateMiddleware
{
    private readonly RequestDelegate _next;
    private readonly BearerToken? _token;
    private readonly ILogger _logger;

    public ApiGateMiddleware(RequestDelegate next, BearerToken? token, ILogger logger)
    {
        _next = next;
        _token = token;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (_token is not null && endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && _token.Check(context.Request.Headers.Authorization) is { } refusal)
        {
            ApiLog.Unauthorized(_logger, context.Request.Method, context.Request.Path.Value ?? "", refusal);
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrors.Unauthorized, refusal).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (endpoint is null)
        {
            var message = $"no API route {context.Request.Method} {context.Request.Path}; see GET /openapi.json";
            await ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrors.NotFound, message).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _next(context).ConfigureAwait(false);
    }
}
