using Dispatch.Commands.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Api;

/// <summary>Reads: one connection, a room's members (presence), and the node's counts.</summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder v1, ApiContext api)
    {
        v1.MapGet("/connections/{id}", (string id) => Connection(api.Hub, ApiRoute.Segment(id)));
        v1.MapGet("/rooms/{room}/members", (string room) => Members(api.Hub, ApiRoute.Segment(room)));
        v1.MapGet("/counts", () => Results.Json(
            new CountsResponse(api.Hub.ConnectionCount, api.Hub.RoomCount, api.Hub.UserCount), ApiJsonContext.Default.CountsResponse));
    }

    private static IResult Connection(IConnectionHub hub, string id) =>
        hub.GetSnapshot(id) is { } snapshot
            ? Results.Json(ConnectionView.From(new ConnectionDetails(id, snapshot)), ApiJsonContext.Default.ConnectionView)
            : ApiErrors.UnknownConnectionResult(id);

    private static IResult Members(IConnectionHub hub, string room)
    {
        var ids = hub.GetRoomMembers(room).ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        var members = new List<MemberView>(ids.Length);
        foreach (var id in ids)
        {
            // A member that closed since the room was read is no longer present.
            if (hub.GetSnapshot(id) is { } snapshot)
            {
                members.Add(new MemberView(id, snapshot.UserId, snapshot.Attrs));
            }
        }

        return Results.Json(new MembersResponse(room, members.Count, members), ApiJsonContext.Default.MembersResponse);
    }
}
