namespace Dispatch.Tests.Hosted;

/// <summary>Configuration of a Dispatch in connection-hosted mode, for <c>DispatchServer.StartAsync</c>.</summary>
public static class HostedSettings
{
    public static Dictionary<string, string?> With(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dispatch:WebSocket:Mode"] = "connection_hosted",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
