using Dispatch.Pipeline.Options;
using Dispatch.Service.Api;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Api;

public sealed class WorkerApiEnvironmentTests
{
    private static WorkersOptions Configure(ApiOptions api, Action<WorkersOptions>? before = null)
    {
        var workers = new WorkersOptions();
        before?.Invoke(workers);
        new WorkerApiEnvironment(Options.Create(api)).PostConfigure(Options.DefaultName, workers);
        return workers;
    }

    [Theory]
    [InlineData("http://127.0.0.1:8099", "http://127.0.0.1:8099")]
    [InlineData("http://localhost:8099", "http://127.0.0.1:8099")]
    [InlineData("http://0.0.0.0:8099", "http://127.0.0.1:8099")]
    [InlineData("http://[::1]:8099", "http://[::1]:8099")]
    public void WorkersGetTheApiAddressAndToken(string url, string expected)
    {
        var workers = Configure(new ApiOptions { Url = url, Token = "s3cret" });

        Assert.Equal(expected, workers.Environment[WorkerApiEnvironment.UrlVariable]);
        Assert.Equal("s3cret", workers.Environment[WorkerApiEnvironment.TokenVariable]);
    }

    [Fact]
    public void ExplicitWorkerEnvironment_Wins()
    {
        var workers = Configure(new ApiOptions { Url = "http://127.0.0.1:8099", Token = "s3cret" }, w =>
        {
            w.Environment[WorkerApiEnvironment.UrlVariable] = "http://gateway.internal:9000";
            w.Environment[WorkerApiEnvironment.TokenVariable] = "other";
        });

        Assert.Equal("http://gateway.internal:9000", workers.Environment[WorkerApiEnvironment.UrlVariable]);
        Assert.Equal("other", workers.Environment[WorkerApiEnvironment.TokenVariable]);
    }

    [Theory]
    [InlineData(true, "http://127.0.0.1:0")]
    [InlineData(false, "http://127.0.0.1:8099")]
    public void NothingIsPassed_WhenThePortIsNotKnownOrTheApiIsOff(bool enabled, string url)
    {
        var workers = Configure(new ApiOptions { Enabled = enabled, Url = url, Token = "s3cret" });

        Assert.Empty(workers.Environment);
    }

    [Fact]
    public void NoToken_PassesOnlyTheAddress()
    {
        var workers = Configure(new ApiOptions { Url = "http://127.0.0.1:8099" });

        Assert.Equal("http://127.0.0.1:8099", workers.Environment[WorkerApiEnvironment.UrlVariable]);
        Assert.False(workers.Environment.ContainsKey(WorkerApiEnvironment.TokenVariable));
    }
}
