using Dispatch.Service.Hosting;

namespace Dispatch.Tests.Service;

public sealed class SocketCompletionsTests
{
    /// <summary>test.runsettings puts the service's socket setting in the test host's environment from its start (the
    /// runtime reads it once, at the first socket), so the in-process end-to-end tests run the shipped mode.</summary>
    [Fact]
    public void TheTestHost_RunsWithInlineSocketCompletions_AsTheServiceDoes()
    {
        Assert.Equal("1", Environment.GetEnvironmentVariable(SocketCompletions.Variable));
    }
}
