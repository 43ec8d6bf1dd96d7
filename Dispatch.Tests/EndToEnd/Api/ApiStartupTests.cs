namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>The real binary, configured by environment variables, refuses an API that would be open to the network.</summary>
public sealed class ApiStartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://192.0.2.10:8081")]
    public async Task NonLoopbackUrlWithoutToken_StartupFailsNamingTheToken(string url)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__Count"] = "1",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Api__Url"] = url,
        });
        await service.WaitForExitAsync(StartTimeout);
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("Dispatch:Api:Token", service.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("http://api.example.com:8081")]
    [InlineData("not a url")]
    public async Task BadUrl_StartupFailsNamingTheUrl(string url)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__Count"] = "1",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Api__Url"] = url,
            ["Dispatch__Api__Token"] = "some-token",
        });
        await service.WaitForExitAsync(StartTimeout);
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("Dispatch:Api:Url", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonLoopbackUrlWithToken_Starts_AndTheWebSocketListenerIsUnchanged()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__Count"] = "1",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Api__Url"] = "http://0.0.0.0:0",
            ["Dispatch__Api__Token"] = "operator-token",
        });
        var baseUri = await service.WaitListeningAsync(StartTimeout);
        await using var client = await WsClient.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Dispatch API listening on", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("operator-token", service.Output, StringComparison.Ordinal);
    }
}
