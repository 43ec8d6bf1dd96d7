using System.Text.Json;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

/// <summary>Worker responses (CONTRACT 4.2) for test behaviours, written with a real JSON writer.</summary>
internal static class Replies
{
    public static FakeWorkerAction Commands(string id, params object[] commands) =>
        FakeWorkerAction.Reply(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mode"] = "websocket_dispatch",
            ["id"] = id,
            ["commands"] = commands,
        }));

    public static FakeWorkerAction Send(string id, string data) => Commands(id, new { @event = "send", data });

    public static FakeWorkerAction Error(string id, string errorClass, string text) =>
        FakeWorkerAction.Reply(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mode"] = "websocket_dispatch",
            ["event"] = "error",
            ["id"] = id,
            ["error_class"] = errorClass,
            ["error"] = text,
        }));

    /// <summary>A plain accepted open with no commands.</summary>
    public static FakeWorkerAction Accept(string id) => Commands(id);
}
