using Dispatch.Commands.DependencyInjection;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Commands;

public sealed class CommandsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDispatchCommands_ResolvesSharedSingletonsBoundToConfiguration()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Dispatch:Limits:MaxRoomsPerConnection"] = "7" });

        Assert.Equal(7, provider.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRoomsPerConnection);
        Assert.Same(provider.GetRequiredService<ConnectionHub>(), provider.GetRequiredService<IConnectionHub>());
        Assert.IsType<LocalMessageRouter>(provider.GetRequiredService<IMessageRouter>());
        Assert.Same(provider.GetRequiredService<CommandExecutor>(), provider.GetRequiredService<ICommandExecutor>());
        Assert.NotNull(provider.GetRequiredService<CommandValidator>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<DispatchMetrics>(), provider.GetRequiredService<DispatchMetrics>());
    }

    [Fact]
    public void AddDispatchCommands_ExistingTimeProvider_IsKept()
    {
        var time = new Fakes.ManualTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);

        using var provider = services.AddDispatchCommands(Config([])).BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddDispatchCommands_BadLimits_ReportsEverySettingByName()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Dispatch:Limits:MaxMessageBytes"] = "0",
            ["Dispatch:Limits:MaxCommandsPerResponse"] = "-5",
            ["Dispatch:Limits:MaxCloseReasonBytes"] = "200",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LimitsOptions>>().Value);

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains("Dispatch:Limits:MaxMessageBytes must be between 1 and 268435456; got 0", ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("Dispatch:Limits:MaxCommandsPerResponse", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Dispatch:Limits:MaxCloseReasonBytes", StringComparison.Ordinal));
    }

    [Fact]
    public void LimitsOptionsValidator_MessageThatCannotFitAWorkerFrame_IsReported()
    {
        var result = new LimitsOptionsValidator().Validate(null, new LimitsOptions { MaxMessageBytes = 16 * 1024 * 1024 });

        Assert.True(result.Failed);
        Assert.Contains("MaxWorkerFrameBytes must be at least", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LimitsOptionsValidator_Defaults_AreValid()
    {
        Assert.True(new LimitsOptionsValidator().Validate(null, new LimitsOptions()).Succeeded);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddDispatchCommands(Config(settings)).BuildServiceProvider();

    private static IConfigurationSection Config(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Dispatch");
}
