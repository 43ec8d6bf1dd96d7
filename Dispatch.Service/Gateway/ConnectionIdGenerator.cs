using System.Buffers.Text;
using System.Security.Cryptography;

namespace Dispatch.Service.Gateway;

/// <summary>
/// Connection ids are 128 random bits from the OS CSPRNG, base64url-encoded (CONTRACT 3 asks for at least 96):
/// a client can neither choose nor guess one.
/// </summary>
internal static class ConnectionIdGenerator
{
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
