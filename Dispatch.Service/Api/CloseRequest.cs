namespace Dispatch.Service.Api;

/// <summary>Optional body of the close routes; defaults are 1000 and an empty reason.</summary>
internal sealed class CloseRequest
{
    public int? Code { get; set; }
    public string? Reason { get; set; }
}
