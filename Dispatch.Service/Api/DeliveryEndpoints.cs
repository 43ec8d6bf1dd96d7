using Dispatch.Commands.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
        v1.MapPost("/users/{user_id}/send", (HttpContext http, [FromRoute(Name = "user_id")] string userId) => SendToUserAsync(api, http, ApiRoute.Segment(userId)));
    }

    private static async Task<IResult> PublishAsync(ApiContext api, HttpContext http, string room)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        var toCommand = (SendRequest r) => new WorkerCommand { Event = "broadcast", Room = room, Data = r.Data, Opcode = r.Opcode, ExceptId = r.ExceptId };
        if (!api.Commands.TryCheck(body, toCommand, requirePayload: true, out var request, out var command, out var refusal))
        {
            return refusal;
        }

        var delivered = api.Router.Broadcast(room, command.Payload!, request.ExceptId);
        return Results.Json(new DeliveredResponse(delivered), ApiJsonContext.Default.DeliveredResponse);
    }

    private static async Task<IResult> SendToConnectionAsync(ApiContext api, HttpContext http, string id)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        var toCommand = (SendRequest r) => new WorkerCommand { Event = "send_to", TargetId = id, Data = r.Data, Opcode = r.Opcode };
        if (!api.Commands.TryCheck(body, toCommand, requirePayload: true, out _, out var command, out var refusal))
        {
            return refusal;
        }

        // A known connection that is closing refuses the frame; that is not an error (docs/API.md).
        return api.Router.SendToConnection(id, command.Payload!)
            ? Results.Json(new DeliveredResponse(1), ApiJsonContext.Default.DeliveredResponse)
            : ApiErrors.UnknownConnectionResult(id);
    }

    private static async Task<IResult> SendToUserAsync(ApiContext api, HttpContext http, string userId)
    {
        var body = await ReadAsync(api, http).ConfigureAwait(false);
        var toCommand = (SendRequest r) => new WorkerCommand { Event = "send_to_user", UserId = userId, Data = r.Data, Opcode = r.Opcode };
        if (!api.Commands.TryCheck(body, toCommand, requirePayload: true, out _, out var command, out var refusal))
        {
            return refusal;
        }

        var delivered = api.Router.SendToUser(userId, command.Payload!);
        return Results.Json(new DeliveredResponse(delivered), ApiJsonContext.Default.DeliveredResponse);
    }

    private static Task<BodyResult<SendRequest>> ReadAsync(ApiContext api, HttpContext http) =>
        ApiBody.ReadAsync(http.Request, ApiJsonContext.Default.SendRequest, api.MaxBodyBytes, optional: false, static () => new SendRequest());
}
