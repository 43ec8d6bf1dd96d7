namespace Dispatch.Pipeline.Presence;

/// <summary>What a lane did with a membership change it was told about.</summary>
internal enum PresenceReport
{
    /// <summary>Queued: the worker will get its presence event.</summary>
    Queued,

    /// <summary>A leave whose join the worker was never told of (its join was not reported): nothing to pair.</summary>
    Unpaired,

    /// <summary>A join refused because the lane already holds <c>MaxPendingPerConnection</c> presence events.</summary>
    QueueFull,

    /// <summary>The lane already announced its close leaves; changes from then on are not reported.</summary>
    Closing,

    /// <summary>The connection has no lane (not a message-dispatch connection).</summary>
    NoLane,
}
