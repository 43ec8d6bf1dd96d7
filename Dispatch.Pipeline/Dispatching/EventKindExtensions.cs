using Dispatch.Commands.Contract;

namespace Dispatch.Pipeline.Dispatching;

internal static class EventKindExtensions
{
    public static string ToWire(this EventKind kind) => kind switch
    {
        EventKind.Open => WireNames.Open,
        EventKind.Message => WireNames.Message,
        EventKind.Presence => WireNames.Presence,
        _ => WireNames.Close,
    };
}
