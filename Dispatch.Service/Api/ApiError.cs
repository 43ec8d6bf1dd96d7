using System.Text.Json.Serialization;

namespace Dispatch.Service.Api;

/// <summary>Every 4xx body of the API: a stable <paramref name="Error"/> code, a human message, and for
/// <c>invalid_request</c> each validation problem.</summary>
internal sealed record ApiError(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Problems = null);
