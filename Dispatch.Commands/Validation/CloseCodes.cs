namespace Dispatch.Commands.Validation;

/// <summary>Close codes an endpoint may send (RFC 6455 7.4 and the IANA registry).</summary>
public static class CloseCodes
{
    public const int Normal = 1000;
    public const int PolicyViolation = 1008;
    public const int InternalError = 1011;

    /// <summary>
    /// 1004-1006 and 1015 are reserved for reporting and must never be sent; 1016-2999 are unassigned protocol codes;
    /// 3000-4999 belong to libraries and applications.
    /// </summary>
    public static bool IsValid(int code) => code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
}
