using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Api;

/// <summary>The API's error results: one place for the codes of docs/API.md.</summary>
internal static class ApiErrors
{
    public const string Unauthorized = "unauthorized";
    public const string InvalidJson = "invalid_json";
    public const string InvalidRequest = "invalid_request";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnknownConnection = "unknown_connection";
    public const string UnknownWorker = "unknown_worker";
    public const string NotFound = "not_found";

    public static IResult Result(int status, string error, string message, IReadOnlyList<string>? problems = null) =>
        Results.Json(new ApiError(error, message, problems), ApiJsonContext.Default.ApiError, statusCode: status);

    public static IResult InvalidRequestResult(IReadOnlyList<string> problems) =>
        Result(StatusCodes.Status400BadRequest, InvalidRequest, "the request failed validation", problems);

    public static IResult UnknownConnectionResult(string id) =>
        Result(StatusCodes.Status404NotFound, UnknownConnection, $"no connection {Quote(id)} on this node");

    /// <summary>Caller text in a message, cut short so a hostile id cannot make a huge error body.</summary>
    public static string Quote(string value) => "\"" + (value.Length <= 64 ? value : value[..64] + "...") + "\"";
}
