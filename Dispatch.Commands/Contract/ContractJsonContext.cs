using System.Text.Json.Serialization;

namespace Dispatch.Commands.Contract;

/// <summary>
/// Source-generated JSON for the wire contract: snake_case, nulls omitted on write, unknown keys ignored on read.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(WorkerEvent))]
[JsonSerializable(typeof(WorkerResponse))]
[JsonSerializable(typeof(WorkerCommand))]
[JsonSerializable(typeof(ClientErrorFrame))]
[JsonSerializable(typeof(MetadataSnapshot))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
