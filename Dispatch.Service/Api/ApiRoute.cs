namespace Dispatch.Service.Api;

/// <summary>Route values as the caller meant them.</summary>
internal static class ApiRoute
{
    /// <summary>
    /// Kestrel decodes every escape in the path except <c>%2F</c>, so that it cannot split a segment; a room or user
    /// id containing '/' arrives as <c>%2F</c> and is decoded here.
    /// </summary>
    public static string Segment(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : value;
}
