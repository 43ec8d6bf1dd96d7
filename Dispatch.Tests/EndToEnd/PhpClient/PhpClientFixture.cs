using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Dispatch.Tests.EndToEnd.PhpClient;

/// <summary>
/// One real Dispatch with its server API on a free loopback port and a random token, running
/// <c>php-worker/examples/who.php</c> (a handler that itself calls the API). The workers get the API address and token
/// through <c>Dispatch:Workers:Environment</c>, as an operator would configure them.
/// </summary>
public sealed class PhpClientFixture : IAsyncLifetime
{
    public DispatchServer Server { get; private set; } = null!;

    public Uri ApiUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async Task InitializeAsync()
    {
        var api = ApiUrl.ToString().TrimEnd('/');
        Server = await DispatchServer.StartAsync(PhpPaths.Example("who.php"), workers: 2, new Dictionary<string, string?>
        {
            ["Dispatch:Api:Url"] = api,
            ["Dispatch:Api:Token"] = Token,
            ["Dispatch:Workers:Environment:DISPATCH_API_URL"] = api,
            ["Dispatch:Workers:Environment:DISPATCH_API_TOKEN"] = Token,
        });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Runs a PHP script with the environment a PHP-FPM app of this Dispatch would have.</summary>
    public Task<PhpScriptResult> RunPhpAsync(string script, params string[] arguments) =>
        PhpScript.RunAsync(script, arguments, new Dictionary<string, string>
        {
            ["DISPATCH_API_URL"] = ApiUrl.ToString().TrimEnd('/'),
            ["DISPATCH_API_TOKEN"] = Token,
            ["DISPATCH_PHP_WORKER"] = Path.Combine(PhpPaths.RepositoryRoot, "php-worker"),
        });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
