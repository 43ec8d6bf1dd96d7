using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;

namespace Dispatch.Commands.Validation;

/// <summary>
/// A command that passed validation. <see cref="Payload"/> is the already encoded frame of payload-carrying
/// commands (base64 decoded once here), so applying it never re-parses.
/// Alias commands are normalised: <c>set_meta {key,value}</c> arrives with <c>Source.Attrs</c> filled.
/// </summary>
public sealed record ValidCommand(CommandKind Kind, WorkerCommand Source, OutboundMessage? Payload = null);
