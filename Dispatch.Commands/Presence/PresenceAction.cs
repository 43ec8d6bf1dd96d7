namespace Dispatch.Commands.Presence;

/// <summary>The <c>action</c> of a presence event.</summary>
public enum PresenceAction
{
    Join,
    Leave,
}
