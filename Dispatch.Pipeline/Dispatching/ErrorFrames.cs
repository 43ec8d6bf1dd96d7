using System.Collections.Concurrent;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// The client error frames of CONTRACT 4.5, encoded once per known error class and shared (an
/// <see cref="OutboundMessage"/> is immutable). Unknown classes are encoded per use so the cache stays bounded.
/// </summary>
internal sealed class ErrorFrames
{
    private static readonly HashSet<string> KnownClasses =
    [
        ErrorClasses.WorkerRuntimeError,
        ErrorClasses.AppContractError,
        ErrorClasses.WorkerTimeout,
        ErrorClasses.WorkerCrashed,
        ErrorClasses.WorkerUnavailable,
    ];

    private readonly ConcurrentDictionary<(string ErrorClass, string Event), OutboundMessage> _cache = new();

    public OutboundMessage Get(string errorClass, string @event) =>
        KnownClasses.Contains(errorClass)
            ? _cache.GetOrAdd((errorClass, @event), static key => Encode(key.ErrorClass, key.Event))
            : Encode(errorClass, @event);

    private static OutboundMessage Encode(string errorClass, string @event) =>
        new(ContractJson.SerializeErrorFrame(new ClientErrorFrame { ErrorClass = errorClass, Event = @event }), isBinary: false);
}
