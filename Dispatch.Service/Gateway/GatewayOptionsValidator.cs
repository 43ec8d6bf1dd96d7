using Microsoft.Extensions.Options;

namespace Dispatch.Service.Gateway;

/// <summary>Start-up checks of <see cref="GatewayOptions"/>; reports every bad value with its setting name.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = "Dispatch:WebSocket:";

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Mode is not (GatewayOptions.MessageDispatchMode or GatewayOptions.ConnectionHostedMode))
        {
            builder.AddError($"{Prefix}Mode must be 'message_dispatch' or 'connection_hosted'; got '{options.Mode}'.");
        }

        var paths = options.GetPaths();
        if (paths.Count == 0)
        {
            builder.AddError($"{Prefix}Paths must name at least one path (for example /ws).");
        }

        foreach (var path in paths)
        {
            if (!path.StartsWith('/'))
            {
                builder.AddError($"{Prefix}Paths entries must start with '/'; got '{path}'.");
            }
        }

        foreach (var origin in options.GetAllowedOrigins())
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out _))
            {
                builder.AddError($"{Prefix}AllowedOrigins entries must be absolute origins like https://example.com; got '{origin}'.");
            }
        }

        Range(builder, "SendQueueCapacity", options.SendQueueCapacity, 1, 1_000_000);
        Range(builder, "MaxConnections", options.MaxConnections, 0, int.MaxValue);
        Range(builder, "MaxConnectionsPerIp", options.MaxConnectionsPerIp, 0, int.MaxValue);
        if (options.KeepAliveInterval < TimeSpan.Zero)
        {
            builder.AddError($"{Prefix}KeepAliveInterval must not be negative; got {options.KeepAliveInterval}.");
        }

        if (options.KeepAliveTimeout <= TimeSpan.Zero)
        {
            builder.AddError($"{Prefix}KeepAliveTimeout must be positive; got {options.KeepAliveTimeout}.");
        }

        if (options.IdleTimeout < TimeSpan.Zero)
        {
            builder.AddError($"{Prefix}IdleTimeout must not be negative; got {options.IdleTimeout}.");
        }

        if (options.RateLimitPerSecond < 0 || double.IsNaN(options.RateLimitPerSecond))
        {
            builder.AddError($"{Prefix}RateLimitPerSecond must be 0 (off) or positive; got {options.RateLimitPerSecond}.");
        }

        Range(builder, "RateLimitBurst", options.RateLimitBurst, 1, 1_000_000);
        if (options.RateLimitAction is not ("error_frame" or "close"))
        {
            builder.AddError($"{Prefix}RateLimitAction must be 'error_frame' or 'close'; got '{options.RateLimitAction}'.");
        }

        if (options.CloseTimeout <= TimeSpan.Zero || options.CloseTimeout > TimeSpan.FromMinutes(5))
        {
            builder.AddError($"{Prefix}CloseTimeout must be between 0 and 5 minutes; got {options.CloseTimeout}.");
        }

        if (options.HostedQueueTimeout <= TimeSpan.Zero || options.HostedQueueTimeout > TimeSpan.FromMinutes(10))
        {
            builder.AddError($"{Prefix}HostedQueueTimeout must be above 0 and at most 10 minutes; got {options.HostedQueueTimeout}.");
        }

        Range(builder, "HostedQueueLimit", options.HostedQueueLimit, 0, 1_000_000);
        if (options.IoQueues is { } ioQueues)
        {
            Range(builder, "IoQueues", ioQueues, 0, GatewayOptions.MaxIoQueues);
        }

        return builder.Build();
    }

    private static void Range(ValidateOptionsResultBuilder builder, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            builder.AddError($"{Prefix}{setting} must be between {min} and {max}; got {value}.");
        }
    }
}
