using System.Globalization;

namespace Dispatch.Tests.Commands;

/// <summary>How many cases each fuzz test runs: a few thousand by default, more with <c>DISPATCH_FUZZ_ITERATIONS</c>.</summary>
internal static class FuzzIterations
{
    public const int Default = 3000;

    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Default;
}
