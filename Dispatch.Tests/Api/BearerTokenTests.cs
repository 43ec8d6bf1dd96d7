using Dispatch.Service.Api;
using Microsoft.Extensions.Primitives;

namespace Dispatch.Tests.Api;

public sealed class BearerTokenTests
{
    private readonly BearerToken _token = new("s3cret-token");

    [Theory]
    [InlineData("Bearer s3cret-token")]
    [InlineData("bearer s3cret-token")]
    [InlineData("Bearer  s3cret-token ")]
    public void TheToken_Passes(string header)
    {
        Assert.Null(_token.Check(new StringValues(header)));
    }

    [Theory]
    [InlineData("Bearer s3cret-tokeN")]
    [InlineData("Bearer s3cret-token-and-more")]
    [InlineData("Bearer s3cret")]
    [InlineData("Bearer ")]
    [InlineData("Basic czNjcmV0LXRva2Vu")]
    [InlineData("s3cret-token")]
    public void AnythingElse_IsRefused_WithoutEchoingIt(string header)
    {
        var refusal = _token.Check(new StringValues(header));
        Assert.NotNull(refusal);
        Assert.DoesNotContain("s3cret", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHeader_OrTwoHeaders_IsRefused()
    {
        Assert.Contains("missing", _token.Check(StringValues.Empty), StringComparison.Ordinal);
        Assert.NotNull(_token.Check(new StringValues(["Bearer s3cret-token", "Bearer s3cret-token"])));
    }
}
