using Dispatch.Pipeline.DependencyInjection;
using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new PipelineOptionsValidator().Validate(null, new PipelineOptions()).Succeeded);
    }

    [Fact]
    public void EveryBadValue_IsReported_NamingItsSetting()
    {
        var result = new PipelineOptionsValidator().Validate(null, new PipelineOptions
        {
            PerConnectionQueue = 0,
            GlobalQueue = -1,
            ApplyQueue = 0,
            EventTimeout = TimeSpan.FromMilliseconds(5),
            OnEventFailure = "shout",
            MaxConsecutiveFailures = -2,
            DrainTimeout = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        foreach (var setting in new[] { "PerConnectionQueue", "GlobalQueue", "ApplyQueue", "EventTimeout", "OnEventFailure", "MaxConsecutiveFailures", "DrainTimeout" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith("Dispatch:Pipeline:" + setting + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EventTimeoutAboveTenMinutes_IsRejected()
    {
        var result = new PipelineOptionsValidator().Validate(null, new PipelineOptions { EventTimeout = TimeSpan.FromMinutes(11) });
        Assert.Contains(result.Failures!, f => f.Contains("Dispatch:Pipeline:EventTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddDispatchPipeline_BindsTheSection_AndValidates()
    {
        var dispatch = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:Pipeline:GlobalQueue"] = "0",
            ["Dispatch:Pipeline:OnEventFailure"] = "none",
        }).Build().GetSection("Dispatch");
        var services = new ServiceCollection().AddLogging();
        services.AddDispatchPipeline(dispatch);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PipelineOptions>>().Value);
        Assert.Contains("Dispatch:Pipeline:GlobalQueue", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OnEventFailure", error.Message, StringComparison.Ordinal);
    }
}
