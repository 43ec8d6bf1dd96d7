using Dispatch.Service.Api;

namespace Dispatch.Tests.Api;

public sealed class ApiOptionsValidatorTests
{
    private static readonly ApiOptionsValidator Validator = new();

    [Theory]
    [InlineData("http://127.0.0.1:8081")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://[::1]:8081")]
    [InlineData("http://localhost:8081")]
    public void LoopbackWithoutToken_IsAccepted(string url)
    {
        Assert.True(Validator.Validate(null, new ApiOptions { Url = url }).Succeeded);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8081")]
    [InlineData("http://*:8081")]
    [InlineData("http://+:8081")]
    [InlineData("http://[::]:8081")]
    [InlineData("http://10.1.2.3:8081")]
    public void NonLoopbackWithoutToken_IsRefusedNamingTheToken(string url)
    {
        var result = Validator.Validate(null, new ApiOptions { Url = url });
        Assert.True(result.Failed);
        Assert.Contains("Dispatch:Api:Token", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackWithToken_IsAccepted()
    {
        Assert.True(Validator.Validate(null, new ApiOptions { Url = "http://0.0.0.0:8081", Token = "s3cret" }).Succeeded);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("http://api.example.com:8081")]
    [InlineData("http://127.0.0.1:8081/api")]
    [InlineData("http://localhost:0")]
    [InlineData("127.0.0.1:8081")]
    [InlineData("")]
    public void BadUrl_IsRefusedNamingTheUrl(string url)
    {
        var result = Validator.Validate(null, new ApiOptions { Url = url, Token = "t" });
        Assert.True(result.Failed);
        Assert.Contains("Dispatch:Api:Url", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_IsNotChecked()
    {
        Assert.True(Validator.Validate(null, new ApiOptions { Enabled = false, Url = "http://0.0.0.0:1" }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NonPositiveMaxBodyBytes_IsRefused(int bytes)
    {
        var result = Validator.Validate(null, new ApiOptions { MaxBodyBytes = bytes });
        Assert.Contains("Dispatch:Api:MaxBodyBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenWithWhitespace_IsRefused()
    {
        var result = Validator.Validate(null, new ApiOptions { Token = "two words" });
        Assert.Contains("Dispatch:Api:Token", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxBodyBytes_DefaultsToMaxMessageBytesPlus64KiB()
    {
        Assert.Equal(1000 + 65536, new ApiOptions().EffectiveMaxBodyBytes(1000));
        Assert.Equal(77, new ApiOptions { MaxBodyBytes = 77 }.EffectiveMaxBodyBytes(1000));
    }
}
