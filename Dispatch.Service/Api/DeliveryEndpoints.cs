using Dispatch.Commands.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Api;

/// <summary>Publish to a room, send to a connection, send to a user: validated as worker commands, delivered through
/// <see cref="Dispatch.Commands.Hub.IMessageRouter"/>.</summary>
internal static class DeliveryEndpoints
{
    public static void Map(IEndpointRouteBuilder v1, ApiContext api)
    {
        v1.MapPost("/rooms/{room}/publish", (HttpContext http, string room) => PublishAsync(api, http, ApiRoute.Segment(room)));
        v1.MapPost("/connections/{id}/send", (HttpContext http, string id) => SendToConnectionAsync(api, http, ApiRoute.Segment(id)));
        v1.MapPost("/users/{userId}/send", (HttpContext http, string userId) => SendToUserAsync(api, http, ApiRoute.Segment(userId)));
    }

    private static async Task<IResult> PublishAsync(ApiContext api, HttpContext http, string room)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var request = body.Value!;
        var command = new WorkerCommand { Event = "broadcast", Room = room, Data = request.Data, Opcode = request.Opcode, ExceptId = request.ExceptId };
        if (api.Commands.Validate(command, out var problems) is not { Payload: { } payload })
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        var delivered = api.Router.Broadcast(room, payload, request.ExceptId);
        return Results.Json(new DeliveredResponse(delivered), ApiJsonContext.Default.DeliveredResponse);
    }

    private static async Task<IResult> SendToConnectionAsync(ApiContext api, HttpContext http, string id)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var request = body.Value!;
        var command = new WorkerCommand { Event = "send_to", TargetId = id, Data = request.Data, Opcode = request.Opcode };
        if (api.Commands.Validate(command, out var problems) is not { Payload: { } payload })
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        // A known connection that is closing refuses the frame; that is not an error (docs/API.md).
        return api.Router.SendToConnection(id, payload)
            ? Results.Json(new DeliveredResponse(1), ApiJsonContext.Default.DeliveredResponse)
            : ApiErrors.UnknownConnectionResult(id);
    }

    private static async Task<IResult> SendToUserAsync(ApiContext api, HttpContext http, string userId)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var request = body.Value!;
        var command = new WorkerCommand { Event = "send_to_user", UserId = userId, Data = request.Data, Opcode = request.Opcode };
        if (api.Commands.Validate(command, out var problems) is not { Payload: { } payload })
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        var delivered = api.Router.SendToUser(userId, payload);
        return Results.Json(new DeliveredResponse(delivered), ApiJsonContext.Default.DeliveredResponse);
    }

    private static Task<BodyResult<SendRequest>> ReadAsync(ApiContext api, HttpContext http) =>
        ApiBody.ReadAsync(http.Request, ApiJsonContext.Default.SendRequest, api.MaxBodyBytes, optional: false, static () => new SendRequest());
}
