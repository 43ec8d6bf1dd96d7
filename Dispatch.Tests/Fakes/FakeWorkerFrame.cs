using System.Text;
using System.Text.Json;

namespace Dispatch.Tests.Fakes;

/// <summary>One frame a <see cref="FakeWorker"/> received, in arrival order (<see cref="Index"/> counts from 0).</summary>
public sealed class FakeWorkerFrame
{
    public FakeWorkerFrame(int index, byte[] payload)
    {
        Index = index;
        Payload = payload;
        Json = Encoding.UTF8.GetString(payload);
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Id = ReadString(document.RootElement, "id");
                Event = ReadString(document.RootElement, "event");
                Data = ReadString(document.RootElement, "data");
            }
        }
        catch (JsonException)
        {
            // Tests may send anything; a non-JSON payload simply has no id/event/data.
        }
    }

    public int Index { get; }

    public byte[] Payload { get; }

    /// <summary>The payload as UTF-8 text.</summary>
    public string Json { get; }

    /// <summary>The event's <c>id</c> (connection id) when the payload is a JSON object with a string id.</summary>
    public string? Id { get; }

    /// <summary>The event's <c>event</c> field (<c>open</c>, <c>message</c>, <c>close</c>), if any.</summary>
    public string? Event { get; }

    /// <summary>The event's <c>data</c> field, if it is a string.</summary>
    public string? Data { get; }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
