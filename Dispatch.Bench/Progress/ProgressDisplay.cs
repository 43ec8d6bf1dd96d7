using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Dispatch.Bench.Progress;

/// <summary>A live one-panel view of a run's counters (Spectre.Console), refreshed four times a second. Disabled when
/// output is redirected or with <c>--no-progress</c>; then only phase changes are printed, to stderr.</summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static bool CanShow => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string title, ProgressState state, bool show, Func<Task<T>> run)
    {
        if (!show)
        {
            using var printer = new CancellationTokenSource();
            var phases = PrintPhasesAsync(title, state, printer.Token);
            try
            {
                return await run();
            }
            finally
            {
                await printer.CancelAsync();
                await phases;
            }
        }

        T result = default!;
        await AnsiConsole.Live(Render(title, state, 0, 0, TimeSpan.Zero)).AutoClear(true).StartAsync(async live =>
        {
            var task = run();
            var started = Stopwatch.GetTimestamp();
            var last = Stopwatch.GetTimestamp();
            var lastReceived = state.Received;
            var lastConnected = state.Connected;
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(Refresh));
                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(last, now).TotalSeconds;
                var received = state.Received;
                var connected = state.Connected;
                live.UpdateTarget(Render(title, state, (received - lastReceived) / seconds, (connected - lastConnected) / seconds, Stopwatch.GetElapsedTime(started, now)));
                (last, lastReceived, lastConnected) = (now, received, connected);
            }

            result = await task;
        });
        return result;
    }

    private static Panel Render(string title, ProgressState state, double receivedPerSecond, double connectsPerSecond, TimeSpan elapsed)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[grey]phase[/]", Markup.Escape(state.Phase));
        grid.AddRow("[grey]elapsed[/]", $"{elapsed.TotalSeconds:0.0} s");
        grid.AddRow("[grey]connections opened[/]", $"{state.Connected:N0}  ({connectsPerSecond:N0}/s)");
        grid.AddRow("[grey]sent / received[/]", $"{state.Sent:N0} / {state.Received:N0}  ({receivedPerSecond:N0}/s)");
        grid.AddRow("[grey]errors[/]", state.Errors == 0 ? "0" : $"[red]{state.Errors:N0}[/]");
        return new Panel(grid) { Header = new PanelHeader(Markup.Escape(title)) };
    }

    private static async Task PrintPhasesAsync(string title, ProgressState state, CancellationToken cancellationToken)
    {
        string? printed = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Print a phase once, not every time its figures change ("waiting ... (1.23 cores busy)").
                var phase = state.Phase;
                var paren = phase.IndexOf(" (", StringComparison.Ordinal);
                var kind = paren < 0 ? phase : phase[..paren];
                if (kind != printed)
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{title}] {phase}"));
                    printed = kind;
                }

                await Task.Delay(Refresh, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }
    }
}
