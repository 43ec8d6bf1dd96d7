using Dispatch.Commands.Hub;
using Dispatch.Commands.Presence;
using Dispatch.Pipeline.DependencyInjection;
using Dispatch.Pipeline.Presence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Pipeline;

/// <summary><c>Dispatch:Presence</c>: patterns, binding forms and start-up validation.</summary>
public sealed class PresenceOptionsTests
{
    private static IReadOnlyList<string> Errors(PresenceOptions options) =>
        new PresenceOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dispatch");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDispatchPipeline(section);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_AreValid_AndOff()
    {
        Assert.Empty(Errors(new PresenceOptions()));
        Assert.True(new PresenceRooms([]).IsEmpty);
    }

    [Fact]
    public void GoodPatterns_AreValid()
    {
        Assert.Empty(Errors(new PresenceOptions { Rooms = ["lobby", "chat:*", "*", "room with spaces"] }));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(" lobby", "leading or trailing spaces")]
    [InlineData("ch*at", "'*' that is not at the end")]
    [InlineData("*chat", "'*' that is not at the end")]
    [InlineData("**", "'*' that is not at the end")]
    [InlineData("lob\u0001by", "control characters")]
    public void BadPattern_IsReported_NamingItsPosition(string pattern, string problem)
    {
        var error = Assert.Single(Errors(new PresenceOptions { Rooms = ["lobby", pattern] }));
        Assert.StartsWith("Dispatch:Presence:Rooms:1 ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void MaxPendingPerConnection_OutOfRange_IsReported(int value)
    {
        var error = Assert.Single(Errors(new PresenceOptions { MaxPendingPerConnection = value }));
        Assert.StartsWith("Dispatch:Presence:MaxPendingPerConnection", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lobby", true)]
    [InlineData("lobby2", false)]
    [InlineData("Lobby", false)]
    [InlineData("chat:", true)]
    [InlineData("chat:42", true)]
    [InlineData("chat", false)]
    [InlineData("other", false)]
    public void Rooms_MatchExactNamesAndPrefixes(string room, bool watched)
    {
        Assert.Equal(watched, new PresenceRooms(["lobby", "chat:*"]).Matches(room));
    }

    [Fact]
    public void StarAlone_MatchesEveryRoom()
    {
        var rooms = new PresenceRooms(["*"]);
        Assert.True(rooms.Matches("anything"));
        Assert.False(rooms.IsEmpty);
    }

    [Fact]
    public void IndexedList_AndCommaSeparatedValue_BothBind()
    {
        using var indexed = Build(new() { ["Dispatch:Presence:Rooms:0"] = "lobby", ["Dispatch:Presence:Rooms:1"] = "chat:*" });
        using var single = Build(new() { ["Dispatch:Presence:Rooms"] = "lobby, chat:*" });

        Assert.Equal(["lobby", "chat:*"], indexed.GetRequiredService<IOptions<PresenceOptions>>().Value.Rooms);
        Assert.Equal(["lobby", "chat:*"], single.GetRequiredService<IOptions<PresenceOptions>>().Value.Rooms);
        Assert.True(single.GetRequiredService<IPresenceObserver>().Watches("chat:7"));
    }

    [Fact]
    public void BadPatternInConfiguration_FailsResolution_NamingTheSetting()
    {
        using var provider = Build(new() { ["Dispatch:Presence:Rooms:0"] = "a*b" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PresenceOptions>>().Value);
        Assert.Contains("Dispatch:Presence:Rooms:0 'a*b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutRooms_TheHubGetsNoObserver_AndReportsNothing()
    {
        using var provider = Build(new());
        var observer = provider.GetRequiredService<IPresenceObserver>();

        Assert.False(observer.IsEnabled);
        var hub = provider.GetRequiredService<ConnectionHub>();
        Assert.True(hub.TryRegister(new Commands.Fakes.FakeClientConnection("a"), new ConnectionInfo("a", "/ws", "127.0.0.1", 1)));
        Assert.Equal(HubResult.Ok, hub.Join("a", "lobby"));
    }
}
