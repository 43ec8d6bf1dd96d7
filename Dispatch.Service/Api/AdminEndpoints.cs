using Dispatch.Pipeline.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dispatch.Service.Api;

/// <summary>Operator reads (workers, connections, rooms; paged) and the graceful worker restart.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder v1, ApiContext api)
    {
        var admin = v1.MapGroup("/admin");
        admin.MapGet("/workers", () => Workers(api.Supervisor));
        admin.MapPost("/workers/{index:int}/restart", (int index) => Restart(api, index));
        admin.MapGet("/connections", (HttpContext http) => Connections(api, http.Request.Query));
        admin.MapGet("/rooms", (HttpContext http) => Rooms(api, http.Request.Query));
    }

    private static IResult Workers(IWorkerSupervisor supervisor)
    {
        var workers = supervisor.GetStatus().Select(static w => new WorkerView(
            w.Slot,
            w.ProcessId,
            State(w),
            w.EventsHandled,
            w.Restarts,
            w.ProcessId is { } pid ? ProcessMemory.ResidentKb(pid) : 0)).ToList();
        return Results.Json(new WorkersResponse(workers), ApiJsonContext.Default.WorkersResponse);
    }

    private static string State(WorkerStatus status) => status switch
    {
        { ProcessId: null } => "starting",
        { Retiring: true } => "retiring",
        { Ready: true } => "ready",
        _ => "stopping",
    };

    private static IResult Restart(ApiContext api, int index)
    {
        if (!api.Supervisor.RequestRestart(index))
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrors.UnknownWorker, $"no worker {index}; workers are numbered from 0");
        }

        ApiLog.WorkerRestartRequested(api.Logger, index);
        return Results.Json(new RestartingResponse(index), ApiJsonContext.Default.RestartingResponse, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Connections(ApiContext api, IQueryCollection query)
    {
        var problems = new List<string>();
        if (PageQuery.Parse(query, problems) is not { } page)
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        var room = NonEmpty(query, "room");
        var user = NonEmpty(query, "user");
        var found = api.Hub.ListConnections(room, user, page.Offset, page.Limit);
        var items = found.Items.Select(ConnectionView.From).ToList();
        return Results.Json(new PageResponse<ConnectionView>(found.Total, page.Offset, page.Limit, items), ApiJsonContext.Default.PageResponseConnectionView);
    }

    private static IResult Rooms(ApiContext api, IQueryCollection query)
    {
        var problems = new List<string>();
        if (PageQuery.Parse(query, problems) is not { } page)
        {
            return ApiErrors.InvalidRequestResult(problems);
        }

        var found = api.Hub.ListRooms(page.Offset, page.Limit);
        var items = found.Items.Select(static r => new RoomView(r.Room, r.Members)).ToList();
        return Results.Json(new PageResponse<RoomView>(found.Total, page.Offset, page.Limit, items), ApiJsonContext.Default.PageResponseRoomView);
    }

    private static string? NonEmpty(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;
}
