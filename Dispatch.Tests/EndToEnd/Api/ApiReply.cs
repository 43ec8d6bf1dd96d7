using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>One API response: status, headers and the parsed JSON body (an empty object when there was none).</summary>
public sealed record ApiReply(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, JsonElement Body)
{
    public string Error => Body.GetProperty("error").GetString()!;

    public int Int(string name) => Body.GetProperty(name).GetInt32();

    public IReadOnlyList<string> Problems => [.. Body.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];

    public static async Task<ApiReply> PostAsync(HttpClient client, string path, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Posts with <c>Expect: 100-continue</c>, as clients uploading large bodies do: a server that refuses the body from
    /// its headers answers before any of it is sent. Without it the client may still be writing when the server, having
    /// answered, closes the connection, and then sees a reset instead of the answer.
    /// </summary>
    public static async Task<ApiReply> PostBytesAsync(HttpClient client, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<ApiReply> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response);
    }

    public static async Task<ApiReply> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<ApiReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        using var document = JsonDocument.Parse(text.Length == 0 || contentType != "application/json" ? "{}" : text);
        return new ApiReply(response.StatusCode, response.Headers, contentType, document.RootElement.Clone());
    }
}
