using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Dispatch.Service.Api;

/// <summary>
/// The configured API token. Compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>:
/// the time taken reveals neither how much of a guess matched nor the token's length.
/// </summary>
internal sealed class BearerToken
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _digest;

    public BearerToken(string token) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Null when the header carries this token; otherwise why not (never echoing what was sent).</summary>
    public string? Check(StringValues authorization)
    {
        if (authorization.Count == 0 || string.IsNullOrEmpty(authorization[0]))
        {
            return "missing Authorization header; send Authorization: Bearer <token>";
        }

        var header = authorization[0]!;
        if (authorization.Count > 1 || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "the Authorization header must be one 'Bearer <token>'";
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(header.AsSpan(Scheme.Length).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(offered, _digest) ? null : "wrong token";
    }
}
