using System.Globalization;
using System.Net;
using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Api;

/// <summary>
/// Hands the PHP workers the API's address and token (<c>DISPATCH_API_URL</c>, <c>DISPATCH_API_TOKEN</c>) so a handler's
/// <c>DispatchClient::fromEnvironment()</c> works with no configuration of its own. Values set explicitly in
/// <c>Dispatch:Workers:Environment</c> win; a port-0 Url cannot be passed (the port is not known before the workers
/// start).
/// </summary>
internal sealed class WorkerApiEnvironment(IOptions<ApiOptions> api) : IPostConfigureOptions<WorkersOptions>
{
    public const string UrlVariable = "DISPATCH_API_URL";
    public const string TokenVariable = "DISPATCH_API_TOKEN";

    public void PostConfigure(string? name, WorkersOptions options)
    {
        ApiOptions settings;
        try
        {
            settings = api.Value;
        }
        catch (OptionsValidationException)
        {
            // The API's own start-up validation reports it; failing here would hide every Workers problem behind it.
            return;
        }

        if (!settings.Enabled || ApiListenAddress.TryParse(settings.Url, out _) is not { Port: > 0 } address)
        {
            return;
        }

        // A worker runs on this host: an API bound to every interface is reached on loopback.
        var host = address.IsLocalhost || address.Address is null || address.Address.Equals(IPAddress.Any)
            ? "127.0.0.1"
            : address.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Address}]"
            : address.Address.ToString();
        options.Environment.TryAdd(UrlVariable, string.Create(CultureInfo.InvariantCulture, $"http://{host}:{address.Port}"));
        if (!string.IsNullOrEmpty(settings.Token))
        {
            options.Environment.TryAdd(TokenVariable, settings.Token);
        }
    }
}
