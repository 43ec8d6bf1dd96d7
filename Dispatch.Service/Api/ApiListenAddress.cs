using System.Net;

namespace Dispatch.Service.Api;

/// <summary>
/// <c>Dispatch:Api:Url</c> parsed into what Kestrel binds: an IP address, <c>localhost</c> (both loopbacks) or every
/// interface (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>). Host names other than localhost are refused: binding
/// one would silently mean "every interface" and defeat the loopback rule.
/// </summary>
internal sealed record ApiListenAddress(IPAddress? Address, bool IsLocalhost, int Port)
{
    public bool IsLoopback => IsLocalhost || (Address is not null && IPAddress.IsLoopback(Address));

    /// <summary>Parses the Url, or says what is wrong with it.</summary>
    public static ApiListenAddress? TryParse(string? url, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            problem = "is empty";
            return null;
        }

        // Uri cannot parse the wildcard hosts Kestrel accepts; read them as the any-address.
        var normalised = url.Trim().Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            problem = "must be an http:// URL such as " + ApiOptions.DefaultUrl;
            return null;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            problem = "must not have a path or query";
            return null;
        }

        var port = uri.Port;
        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
        {
            if (port == 0)
            {
                problem = "cannot use port 0 with localhost; use 127.0.0.1";
                return null;
            }

            return new ApiListenAddress(null, IsLocalhost: true, port);
        }

        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            problem = $"host '{uri.Host}' is not an IP address, localhost or *";
            return null;
        }

        return new ApiListenAddress(address, IsLocalhost: false, port);
    }
}
