namespace Dispatch.Service.Gateway;

/// <summary>What a request on a websocket path is (CONTRACT 3).</summary>
internal enum UpgradeCheck
{
    /// <summary>A websocket upgrade request.</summary>
    Valid,

    /// <summary>A plain request (no upgrade asked for): 426 Upgrade Required.</summary>
    NotAnUpgrade,

    /// <summary>It asks for an upgrade but is malformed: 400.</summary>
    Malformed,
}
