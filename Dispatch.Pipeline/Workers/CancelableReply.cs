namespace Dispatch.Pipeline.Workers;

/// <summary>
/// The reply to one event, which ends cancelled when the caller's token fires before the worker answers: what
/// <c>Task.WaitAsync(token)</c> gave, without a promise task (and its registration state) per event. The connection
/// completes it through <see cref="TryComplete"/>, which drops the registration first.
/// </summary>
internal sealed class CancelableReply : TaskCompletionSource<ConnectionResult>
{
    private CancellationTokenRegistration _registration;

    /// <summary>Registers <paramref name="cancellationToken"/>; called before the reply is queued, so nothing can
    /// complete it yet.</summary>
    public CancelableReply(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((CancelableReply)state!).TrySetCanceled(token),
                this);
        }
    }

    public bool TryComplete(ConnectionResult result)
    {
        _registration.Unregister();
        return TrySetResult(result);
    }
}
