using System.Text.Json;

namespace Dispatch.Tests.Pipeline;

/// <summary>Reads a client error frame (CONTRACT 4.5).</summary>
internal static class ErrorFrame
{
    public static string? ClassOf(string frame)
    {
        try
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.GetString() == "error"
                && root.TryGetProperty("error_class", out var errorClass)
                ? errorClass.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void AssertIs(string expectedClass, string frame)
    {
        Assert.Equal(expectedClass, ClassOf(frame));
        using var document = JsonDocument.Parse(frame);
        Assert.Equal("message", document.RootElement.GetProperty("event").GetString());
    }
}
