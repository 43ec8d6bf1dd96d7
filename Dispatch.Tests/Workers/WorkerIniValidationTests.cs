using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

/// <summary><c>Dispatch:Workers:Ini</c> (php.ini settings for PHP workers) is checked at start-up; that the settings
/// reach the workers is shown end to end by <c>WorkerIniTests</c>.</summary>
public sealed class WorkerIniValidationTests
{
    [Fact]
    public void Defaults_TurnOnOpcacheAndItsJit_AndValidate()
    {
        var options = new WorkersOptions();

        Assert.Equal("1", options.Ini["opcache.enable_cli"]);
        Assert.Equal("tracing", options.Ini["opcache.jit"]);
        Assert.True(new WorkersOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_RefusesNamesAndValuesPhpWouldReadAsOtherSettings_NamingTheSetting()
    {
        var options = new WorkersOptions();
        options.Ini["memory_limit=1G"] = "2G";
        options.Ini["max execution"] = "1";
        options.Ini["error_log"] = "/tmp/a\nauto_prepend_file=/tmp/b";
        options.Ini["session.name"] = "x\rauto_prepend_file=/tmp/b";
        options.Ini["date.timezone"] = "UTC\"";
        options.Ini["[PHP]"] = "1";

        var result = new WorkersOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(6, result.Failures!.Count());
        Assert.All(result.Failures!, f => Assert.StartsWith("Dispatch:Workers:Ini: ", f, StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'memory_limit=1G'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'max execution'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("'[PHP]'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("error_log must be one line", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("session.name must be one line", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("date.timezone must be one line", StringComparison.Ordinal));
    }
}
