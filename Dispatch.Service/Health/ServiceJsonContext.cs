using System.Text.Json.Serialization;

namespace Dispatch.Service.Health;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadinessReport))]
[JsonSerializable(typeof(Dispatch.Service.Admin.StatsReport))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
