using Dispatch.Pipeline.Presence;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosted;

/// <summary>
/// Connection-hosted mode has no event lanes to carry presence events (each websocket's worker is busy with it for
/// its whole life), so watched rooms there are a configuration error rather than a feature that silently does nothing.
/// </summary>
internal sealed class HostedPresenceValidator : IValidateOptions<PresenceOptions>
{
    public ValidateOptionsResult Validate(string? name, PresenceOptions options) =>
        options.Rooms.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "Dispatch:Presence:Rooms is set, but presence events exist only in message-dispatch mode "
                + "(Dispatch:WebSocket:Mode is connection_hosted): remove Dispatch:Presence:Rooms or use message_dispatch.");
}
