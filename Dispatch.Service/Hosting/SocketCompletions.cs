namespace Dispatch.Service.Hosting;

/// <summary>
/// Runs socket completions on the socket engine's own threads (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>)
/// unless the environment already chose. What follows a read here is short and never blocks (a websocket message is
/// queued on its lane, a worker reply is handed to the apply block), so the thread-pool hop the default adds to every
/// read is pure cost: echo through PHP ran about 8% faster with it (medians of 4 paired runs on this project's 2-core
/// bench machine). Set the variable to 0 to go back to the runtime's default.
/// Kestrel's <c>UnsafePreferInlineScheduling</c> is deliberately not used with it: under that setting a client that
/// stops reading no longer fills its send queue, so slow consumers were never closed (the slow-consumer end-to-end
/// tests fail with it).
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

    public static bool Inline => Environment.GetEnvironmentVariable(Variable) == "1";
}
