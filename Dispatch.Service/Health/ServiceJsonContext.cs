using System.Text.Json.Serialization;

namespace Dispatch.Service.Health;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
