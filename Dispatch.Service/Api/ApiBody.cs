using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Api;

/// <summary>
/// Reads a request body as one JSON object, bounded by <c>Dispatch:Api:MaxBodyBytes</c>: too large is 413, not JSON or
/// not an object is <c>invalid_json</c>, a field of the wrong type is <c>invalid_request</c>. Unknown fields are ignored.
/// </summary>
internal static class ApiBody
{
    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, bool optional, Func<T> empty)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge<T>(maxBytes);
        }

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, maxBytes));
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return TooLarge<T>(maxBytes);
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge<T>(maxBytes);
        }

        if (body.Length == 0)
        {
            return optional
                ? new BodyResult<T>(empty(), null)
                : Fail<T>(ApiErrors.InvalidJson, "the request needs a JSON object body");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            return Fail<T>(ApiErrors.InvalidJson, "the body is not valid JSON: " + e.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail<T>(ApiErrors.InvalidJson, $"the body must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            try
            {
                return new BodyResult<T>(document.RootElement.Deserialize(type) ?? empty(), null);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : e.Path ?? "a field";
                return new BodyResult<T>(null, ApiErrors.InvalidRequestResult([$"{field} has the wrong JSON type"]));
            }
        }
    }

    private static BodyResult<T> TooLarge<T>(int maxBytes)
        where T : class =>
        new(null, ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, ApiErrors.PayloadTooLarge, $"the body is larger than {maxBytes} bytes (Dispatch:Api:MaxBodyBytes)"));

    private static BodyResult<T> Fail<T>(string error, string message)
        where T : class =>
        new(null, ApiErrors.Result(StatusCodes.Status400BadRequest, error, message));
}
