using System.Net;
using System.Text.Json;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>
/// Counts and the paged admin listings, checked exactly: this class has its own server and a single test, so every
/// connection on it is one the test made.
/// </summary>
public sealed class ApiListingTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task CountsAndAdminListings_MatchTheConnectionsExactly_WithPagingAndFilters()
    {
        using var api = Server.ApiClient();
        Assert.Equal((0, 0, 0), Counts(await ApiReply.GetAsync(api, "/v1/counts")));

        var (a, idA) = await ConnectAsync("?room=r1&user=u1");
        var (b, idB) = await ConnectAsync("?room=r1&user=u1");
        var (c, idC) = await ConnectAsync("?room=r2&user=u2");
        var (d, idD) = await ConnectAsync("?room=r1");
        await using var _a = a;
        await using var _b = b;
        await using var _c = c;
        await using var _d = d;

        Assert.Equal((4, 2, 2), Counts(await ApiReply.GetAsync(api, "/v1/counts")));

        // Every connection, two pages of 3 and 1, in id order, nothing repeated or skipped.
        var first = await ApiReply.GetAsync(api, "/v1/admin/connections?limit=3");
        var second = await ApiReply.GetAsync(api, "/v1/admin/connections?offset=3&limit=3");
        Assert.Equal((4, 0, 3), Page(first));
        Assert.Equal((4, 3, 3), Page(second));
        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(new[] { idA, idB, idC, idD }.Order(StringComparer.Ordinal), ids);
        var itemA = first.Body.GetProperty("items").EnumerateArray().Concat(second.Body.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("id").GetString() == idA);
        Assert.Equal("u1", itemA.GetProperty("user_id").GetString());
        Assert.Equal(["r1"], itemA.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));

        // Filters: by room, by user, by both.
        Assert.Equal(new[] { idA, idB, idD }.Order(StringComparer.Ordinal), Ids(await ApiReply.GetAsync(api, "/v1/admin/connections?room=r1")));
        Assert.Equal(new[] { idA, idB }.Order(StringComparer.Ordinal), Ids(await ApiReply.GetAsync(api, "/v1/admin/connections?user=u1")));
        var both = await ApiReply.GetAsync(api, "/v1/admin/connections?room=r2&user=u2");
        Assert.Equal((1, 0, 100), Page(both));
        Assert.Equal([idC], Ids(both));
        Assert.Equal(0, (await ApiReply.GetAsync(api, "/v1/admin/connections?room=r2&user=u1")).Int("total"));

        // Rooms, by name, with member counts, paged.
        var rooms = await ApiReply.GetAsync(api, "/v1/admin/rooms");
        Assert.Equal((2, 0, 100), Page(rooms));
        Assert.Equal([("r1", 3), ("r2", 1)], Rooms(rooms));
        var secondRoom = await ApiReply.GetAsync(api, "/v1/admin/rooms?offset=1&limit=1");
        Assert.Equal((2, 1, 1), Page(secondRoom));
        Assert.Equal([("r2", 1)], Rooms(secondRoom));
    }

    private static (int, int, int) Counts(ApiReply reply)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return (reply.Int("connections"), reply.Int("rooms"), reply.Int("users"));
    }

    private static (int Total, int Offset, int Limit) Page(ApiReply reply)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return (reply.Int("total"), reply.Int("offset"), reply.Int("limit"));
    }

    private static List<string> Ids(ApiReply reply) =>
        [.. reply.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static List<(string, int)> Rooms(ApiReply reply) =>
        [.. reply.Body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("room").GetString()!, i.GetProperty("members").GetInt32()))];
}
