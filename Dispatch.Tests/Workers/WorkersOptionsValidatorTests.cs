using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

public sealed class WorkersOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_InThisRepository()
    {
        var result = new WorkersOptionsValidator().Validate(null, new WorkersOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ReportsEveryProblem_WithItsSettingName()
    {
        var options = new WorkersOptions
        {
            Count = 0,
            PipelineDepth = 257,
            StartTimeout = TimeSpan.Zero,
            UnavailableTimeout = TimeSpan.FromSeconds(-1),
            Php = "/nonexistent/bin/php",
            WorkerScript = "/nonexistent/dispatch-worker",
            App = "/nonexistent/app.php",
        };

        var result = new WorkersOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Dispatch:Workers:Count", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:PipelineDepth", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:StartTimeout", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:UnavailableTimeout", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:Php", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:WorkerScript", failures, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:App", failures, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/app.php", failures, StringComparison.Ordinal);
        Assert.Equal(7, result.Failures!.Count());
    }

    [Fact]
    public void Validate_RelativeApp_ResolvesAgainstTheContentRoot()
    {
        var root = Path.GetDirectoryName(WorkerPaths.ResolveFile(null, WorkerPaths.DefaultApp, null))!;
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = root };

        var ok = new WorkersOptionsValidator(environment).Validate(null, new WorkersOptions { App = "chat.php" });
        var missing = new WorkersOptionsValidator(environment).Validate(null, new WorkersOptions { App = "missing.php" });

        Assert.True(ok.Succeeded, ok.FailureMessage);
        Assert.Contains(Path.Combine(root, "missing.php"), missing.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(100_000, true)]
    [InlineData(99, false)]
    [InlineData(100_001, false)]
    [InlineData(-100, false)]
    public void SchedulingSlice_IsZeroOrWithinTheKernelsRange(long microseconds, bool valid)
    {
        var result = new WorkersOptionsValidator().Validate(null, new WorkersOptions { SchedulingSlice = TimeSpan.FromMicroseconds(microseconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Dispatch:Workers:SchedulingSlice", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SchedulingSliceMode_AndFanOutSliceThreshold_AreChecked()
    {
        var result = new WorkersOptionsValidator().Validate(null, new WorkersOptions { SchedulingSliceMode = (SchedulingSliceMode)7, FanOutSliceThreshold = 9 });

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Dispatch:Workers:SchedulingSliceMode must be FanOut or Always", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Dispatch:Workers:FanOutSliceThreshold must be at least 10", StringComparison.Ordinal));
        Assert.True(new WorkersOptionsValidator().Validate(null, new WorkersOptions { SchedulingSliceMode = SchedulingSliceMode.Always, FanOutSliceThreshold = 10 }).Succeeded);
    }
}
