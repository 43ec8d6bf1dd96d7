namespace Dispatch.Service.Api;

/// <summary>Body of the publish and send routes. <see cref="ExceptId"/> is read by publish only.</summary>
internal sealed class SendRequest
{
    public string? Data { get; set; }
    public string? Opcode { get; set; }
    public string? ExceptId { get; set; }
}
