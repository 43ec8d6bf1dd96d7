using System.Diagnostics.CodeAnalysis;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Validation;
using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Api;

/// <summary>
/// Checks an API call as the worker command it amounts to (publish is <c>broadcast</c>, a send is <c>send_to</c> or
/// <c>send_to_user</c>, a close is <c>close</c>, a kick is <c>kick_room</c>), through the same
/// <see cref="CommandValidator"/> rules and limits a worker response meets, so the two can never disagree.
/// </summary>
internal sealed class ApiCommands
{
    /// <summary>Stands in for the connection of an event in the validator's checks; API commands act on no connection
    /// of their own, and every command built here names its target explicitly.</summary>
    private const string Caller = "api";

    private readonly CommandValidator _validator;

    public ApiCommands(CommandValidator validator) => _validator = validator;

    /// <summary>The validated command (its payload encoded once), or every problem with it.</summary>
    public ValidCommand? Validate(WorkerCommand command, out IReadOnlyList<string> problems)
    {
        var outcome = _validator.ValidateCommands([command], "api", Caller);
        problems = [.. outcome.Problems.Select(static p => p.Reason)];
        return outcome.Commands.Count == 1 && problems.Count == 0 ? outcome.Commands[0] : null;
    }

    /// <summary>
    /// The shared first half of every body-taking route: false with the body's own 4xx when it could not be read, or
    /// with 400 and every problem when the command <paramref name="toCommand"/> builds from it fails the checks above (a
    /// send whose payload did not encode counts as failed when <paramref name="requirePayload"/>); true with the
    /// request and its validated command otherwise.
    /// </summary>
    public bool TryCheck<T>(
        BodyResult<T> body,
        Func<T, WorkerCommand> toCommand,
        bool requirePayload,
        [NotNullWhen(true)] out T? request,
        [NotNullWhen(true)] out ValidCommand? command,
        [NotNullWhen(false)] out IResult? refusal)
        where T : class
    {
        request = null;
        command = null;
        refusal = body.Error;
        if (refusal is not null)
        {
            return false;
        }

        request = body.Value!;
        command = Validate(toCommand(request), out var problems);
        if (command is null || (requirePayload && command.Payload is null))
        {
            request = null;
            command = null;
            refusal = ApiErrors.InvalidRequestResult(problems);
            return false;
        }

        return true;
    }
}
