namespace Dispatch.Tests.EndToEnd;

/// <summary>Bad telemetry and log settings stop the real binary at start-up, naming the setting.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public async Task BadTelemetryAndLogSettings_StartupFailsNamingThem()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Telemetry__OtlpEndpoint"] = "collector:4318",
            ["Dispatch__Telemetry__OtlpProtocol"] = "carrier-pigeon",
            ["Dispatch__Logging__Format"] = "xml",
        });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("Dispatch:Telemetry:OtlpEndpoint", service.Output, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Telemetry:OtlpProtocol", service.Output, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Logging:Format", service.Output, StringComparison.Ordinal);
    }
}
