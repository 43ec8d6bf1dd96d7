using Microsoft.Extensions.Options;

namespace Dispatch.Service.Api;

/// <summary>
/// Start-up checks of <see cref="ApiOptions"/>: a Url Kestrel can bind, and never an unauthenticated API reachable from
/// other hosts (a non-loopback Url needs <c>Dispatch:Api:Token</c>).
/// </summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    private const string Prefix = "Dispatch:Api:";

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var builder = new ValidateOptionsResultBuilder();
        var address = ApiListenAddress.TryParse(options.Url, out var problem);
        if (address is null)
        {
            builder.AddError($"{Prefix}Url {problem}; got '{options.Url}'.");
        }
        else if (!address.IsLoopback && string.IsNullOrEmpty(options.Token))
        {
            builder.AddError($"{Prefix}Token must be set when {Prefix}Url is not a loopback address ('{options.Url}'): " +
                "the API can publish to and close any connection. Set Dispatch__Api__Token, or bind 127.0.0.1.");
        }

        if (options.Token is { } token && token.Any(char.IsWhiteSpace))
        {
            builder.AddError($"{Prefix}Token must not contain whitespace.");
        }

        if (options.MaxBodyBytes is < 1)
        {
            builder.AddError($"{Prefix}MaxBodyBytes must be positive; got {options.MaxBodyBytes}.");
        }

        return builder.Build();
    }
}
