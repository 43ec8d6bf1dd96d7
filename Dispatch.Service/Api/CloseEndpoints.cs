using Dispatch.Commands.Contract;
using Dispatch.Commands.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Api;

/// <summary>Close a connection, close every connection of a user, kick everyone out of a room.</summary>
internal static class CloseEndpoints
{
    public static void Map(IEndpointRouteBuilder v1, ApiContext api)
    {
        v1.MapPost("/connections/{id}/close", (HttpContext http, string id) => CloseConnectionAsync(api, http, ApiRoute.Segment(id)));
        v1.MapPost("/users/{user_id}/close", (HttpContext http, [FromRoute(Name = "user_id")] string userId) => CloseUserAsync(api, http, ApiRoute.Segment(userId)));
        v1.MapPost("/rooms/{room}/kick", (string room) => Kick(api, ApiRoute.Segment(room)));
    }

    private static async Task<IResult> CloseConnectionAsync(ApiContext api, HttpContext http, string id)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        var toCommand = (CloseRequest r) => new WorkerCommand { Event = "close", TargetId = id, Code = r.Code, Reason = r.Reason };
        if (!api.Commands.TryCheck(body, toCommand, requirePayload: false, out var request, out _, out var refusal))
        {
            return refusal;
        }

        return api.Router.CloseConnection(id, request.Code ?? CloseCodes.Normal, request.Reason ?? "")
            ? Results.Json(new ClosedResponse(1), ApiJsonContext.Default.ClosedResponse)
            : ApiErrors.UnknownConnectionResult(id);
    }

    private static async Task<IResult> CloseUserAsync(ApiContext api, HttpContext http, string userId)
    {
        // The code and reason are checked once, as the close of one of the user's connections would be.
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        var toCommand = (CloseRequest r) => new WorkerCommand { Event = "close", TargetId = userId, Code = r.Code, Reason = r.Reason };
        if (!api.Commands.TryCheck(body, toCommand, requirePayload: false, out var request, out _, out var refusal))
        {
            return refusal;
        }

        var closed = 0;
        foreach (var id in api.Hub.GetUserConnections(userId))
        {
            if (api.Router.CloseConnection(id, request.Code ?? CloseCodes.Normal, request.Reason ?? ""))
            {
                closed++;
            }
        }

        return Results.Json(new ClosedResponse(closed), ApiJsonContext.Default.ClosedResponse);
    }

    private static IResult Kick(ApiContext api, string room)
    {
        var command = new WorkerCommand { Event = "kick_room", Room = room };
        if (api.Commands.Validate(command, out var problems) is null)
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        return Results.Json(new RemovedResponse(api.Hub.KickRoom(room)), ApiJsonContext.Default.RemovedResponse);
    }

    private static Task<BodyResult<CloseRequest>> ReadAsync(ApiContext api, HttpContext http) =>
        ApiBody.ReadAsync(http.Request, ApiJsonContext.Default.CloseRequest, api.MaxBodyBytes, optional: true, static () => new CloseRequest());
}
