using System.Text.Json.Serialization;

namespace Dispatch.Service.Api;

/// <summary>Every body the API reads or writes, snake_case, source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(CloseRequest))]
[JsonSerializable(typeof(DeliveredResponse))]
[JsonSerializable(typeof(ClosedResponse))]
[JsonSerializable(typeof(RemovedResponse))]
[JsonSerializable(typeof(RestartingResponse))]
[JsonSerializable(typeof(CountsResponse))]
[JsonSerializable(typeof(ConnectionView))]
[JsonSerializable(typeof(MembersResponse))]
[JsonSerializable(typeof(WorkersResponse))]
[JsonSerializable(typeof(PageResponse<ConnectionView>))]
[JsonSerializable(typeof(PageResponse<RoomView>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
