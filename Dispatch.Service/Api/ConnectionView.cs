using Dispatch.Commands.Hub;

namespace Dispatch.Service.Api;

/// <summary>The connection object of the API; <paramref name="ConnectedAt"/> is unix milliseconds.</summary>
internal sealed record ConnectionView(
    string Id,
    string? UserId,
    IReadOnlyList<string> Rooms,
    IReadOnlyDictionary<string, string> Attrs,
    long ConnectedAt,
    string RemoteAddr,
    string Path)
{
    public static ConnectionView From(ConnectionDetails details)
    {
        var meta = details.Metadata;
        return new ConnectionView(details.Id, meta.UserId, meta.Rooms, meta.Attrs, meta.ConnectedAt, meta.RemoteAddr, meta.Path);
    }
}
