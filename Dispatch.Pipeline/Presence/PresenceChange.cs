using Dispatch.Commands.Contract;
using Dispatch.Commands.Presence;

namespace Dispatch.Pipeline.Presence;

/// <summary>One membership change waiting on its subject's lane to become a <c>presence</c> event.</summary>
internal sealed record PresenceChange(string Room, PresenceAction Action, PresenceCause Cause, MetadataSnapshot Snapshot);
