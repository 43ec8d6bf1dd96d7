namespace Dispatch.Service.Api;

/// <summary>How many local connections a frame was queued to.</summary>
internal sealed record DeliveredResponse(int Delivered);
