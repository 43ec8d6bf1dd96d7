namespace Dispatch.Service.Hosting;

/// <summary>
/// Runs socket completions on the socket engine's own threads (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>)
/// unless the environment already chose. Kestrel still hands its own reads to its I/O queue, so what runs inline is
/// mostly the worker connections' read loop: a reply is matched to its request and handed on (to the apply block, or in
/// connection-hosted mode applied at once), short work that never blocks. The thread-pool hop the default adds to
/// each of those reads was pure cost: echo through PHP ran about 8% faster (medians of 4 paired runs on this
/// project's 2-core bench machine). Set the variable to 0 to go back to the runtime's default.
/// Kestrel's <c>UnsafePreferInlineScheduling</c> is deliberately not used: with it the slow-consumer end-to-end tests
/// failed (the slow client was never closed with 1008).
/// </summary>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Must run before the first socket is created: the runtime reads the variable once.</summary>
    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
