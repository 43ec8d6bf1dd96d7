using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

/// <summary><c>Dispatch:Workers:Environment</c> (extra variables for PHP workers) is checked at start-up. That the
/// variables reach a worker is shown end to end by <c>PhpClientScenarios</c> (the worker's API client reads them).</summary>
public sealed class WorkerEnvironmentValidationTests
{
    [Fact]
    public void Validate_AcceptsOrdinaryNames()
    {
        var options = new WorkersOptions();
        options.Environment["DISPATCH_API_URL"] = "http://127.0.0.1:8081";
        options.Environment["DISPATCH_API_TOKEN"] = "t";

        var result = new WorkersOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_RefusesBadAndReservedNames_NamingTheSetting()
    {
        var options = new WorkersOptions();
        options.Environment["A=B"] = "x";
        options.Environment["DISPATCH_APP"] = "/tmp/other.php";

        var result = new WorkersOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.All(result.Failures!, f => Assert.StartsWith("Dispatch:Workers:Environment: ", f, StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'A=B'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("DISPATCH_APP is set by Dispatch itself", StringComparison.Ordinal));
    }
}
