using Dispatch.Bench.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Plain text for files and pipes: no colour codes in saved results.
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
    AnsiConsole.Profile.Width = 160;
}

return await BenchCommandLine.Build().Parse(args).InvokeAsync();
