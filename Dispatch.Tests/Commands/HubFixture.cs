using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>A real hub with helpers to register fake connections.</summary>
internal sealed class HubFixture
{
    public HubFixture(LimitsOptions? limits = null) => Hub = new ConnectionHub(limits ?? new LimitsOptions());

    public ConnectionHub Hub { get; }

    public FakeClientConnection Connect(string id, string path = "/ws", string remoteAddr = "127.0.0.1", long connectedAt = 1770000000123)
    {
        var connection = new FakeClientConnection(id);
        Assert.True(Hub.TryRegister(connection, new ConnectionInfo(id, path, remoteAddr, connectedAt)));
        return connection;
    }
}
