using System.CommandLine;
using Dispatch.Bench.Baseline;
using Dispatch.Bench.Scenarios;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Cli;

/// <summary>The command line: one subcommand per scenario, <c>micro</c>, and the hidden <c>serve-baseline</c>.</summary>
public static class BenchCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Load tool for Dispatch: echo, broadcast, connect-storm and idle-memory scenarios against Dispatch (started here with " +
            "PHP workers), a raw Kestrel baseline, or any ws:// URL; plus BenchmarkDotNet micro-benchmarks (micro).");

        root.Subcommands.Add(LoadCommand(new EchoScenario(), "Closed loop: N connections each send a message and wait for the echo.",
            connections: 50, concurrency: null, extra: null));
        root.Subcommands.Add(LoadCommand(new BroadcastScenario(), "One publisher at R msgs/s to S subscribers of one room; delivery latency and loss.",
            connections: null, concurrency: null, extra: BroadcastOptions()));
        root.Subcommands.Add(LoadCommand(new ConnectScenario(), "Connect storm: open + close as fast as possible with C concurrent loops.",
            connections: null, concurrency: 50, extra: null));
        root.Subcommands.Add(LoadCommand(new IdleScenario(), "Hold N idle connections; server memory (RSS) per connection.",
            connections: 10_000, concurrency: 100, extra: null));
        root.Subcommands.Add(MicroCommand());
        root.Subcommands.Add(ServeBaselineCommand());
        return root;
    }

    private static Option<double>[] BroadcastOptions() =>
    [
        new("--subscribers") { Description = "Subscribers in the room.", DefaultValueFactory = _ => 1000 },
        new("--rate") { Description = "Publishes per second.", DefaultValueFactory = _ => 200 },
        new("--drain") { Description = "Seconds to wait for deliveries in flight after the last publish.", DefaultValueFactory = _ => 5 },
    ];

    private static Command LoadCommand(IScenario scenario, string description, int? connections, int? concurrency, Option<double>[]? extra)
    {
        var command = new Command(scenario.Name, description);
        var target = new Option<TargetKind>("--target", "-t") { Description = "dispatch (started here), baseline (raw Kestrel, started here) or url.", DefaultValueFactory = _ => TargetKind.Dispatch };
        var url = new Option<string?>("--url") { Description = "ws://127.0.0.1:PORT/ws of a running server (implies --target url). Loopback only." };
        var serverPid = new Option<int?>("--server-pid") { Description = "With --url: the server process to sample for CPU and memory." };
        var compare = new Option<bool>("--compare") { Description = "Run the baseline and Dispatch (alternating when --runs > 1) and print dispatch / baseline ratios." };
        var runs = new Option<int>("--runs") { Description = "Runs per target, each with a fresh server; the table shows medians.", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration", "-d") { Description = "Seconds of measurement (idle: of holding).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of unmeasured load first.", DefaultValueFactory = _ => 2 };
        var size = new Option<int>("--message-size") { Description = "Bytes per message.", DefaultValueFactory = _ => 64 };
        var workers = new Option<int>("--workers") { Description = "Dispatch: PHP workers (Dispatch__Workers__Count).", DefaultValueFactory = _ => 2 };
        var serviceDll = new Option<string?>("--service-dll") { Description = "Dispatch: path of Dispatch.Service.dll (default: this checkout's Release build)." };
        var apps = new Option<string?>("--apps") { Description = "Dispatch: directory of the bench PHP apps (default: deploy/bench-apps)." };
        var serverEnv = new Option<string[]>("--server-env") { Description = "KEY=VALUE for the server process (repeatable), e.g. Dispatch__Workers__PipelineDepth=4.", AllowMultipleArgumentsPerToken = false };
        var sources = new Option<int>("--source-addresses") { Description = "Loopback source addresses (127.0.0.1..N) to spread connections over; 0 = one per 20,000 connections." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed for one connect, round trip or close.", DefaultValueFactory = _ => 10 };
        var maxMessages = new Option<long>("--max-messages") { Description = "Upper bound on messages (or connects) per run.", DefaultValueFactory = _ => 100_000_000 };
        var json = new Option<string?>("--json") { Description = "Write the results (and every run) to this JSON file." };
        var waitQuiet = new Option<double>("--wait-quiet") { Description = "Before each run, wait up to this many seconds for the machine to be quiet (under 0.3 cores busy)." };
        var maxSteal = new Option<double>("--max-steal") { Description = "Run again (up to 3 times) a run during which the hypervisor stole more than this many cores, e.g. 0.1; 0 = keep every run." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No live display (also off when output is not a terminal)." };
        Option<int>? connectionsOption = connections is { } c
            ? new("--connections", "-c") { Description = "Connections.", DefaultValueFactory = _ => c }
            : null;
        Option<int>? concurrencyOption = concurrency is { } k
            ? new("--concurrency") { Description = "Concurrent connects.", DefaultValueFactory = _ => k }
            : null;

        foreach (Option option in new Option?[] { target, url, serverPid, compare, runs, duration, warmup, size, workers, serviceDll, apps, serverEnv, sources, timeout, maxMessages, json, waitQuiet, maxSteal, noProgress, connectionsOption, concurrencyOption }.OfType<Option>())
        {
            command.Options.Add(option);
        }

        foreach (var option in extra ?? [])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            Uri? given = null;
            if (parse.GetValue(url) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out given))
            {
                await Console.Error.WriteLineAsync($"error: --url {text} is not an absolute URL (ws://127.0.0.1:PORT/ws).");
                return 2;
            }

            double Extra(string name) => parse.GetValue(extra!.First(o => o.Name == name));
            var settings = new ScenarioSettings
            {
                Connections = connectionsOption is null ? 0 : parse.GetValue(connectionsOption),
                Concurrency = concurrencyOption is null ? 64 : parse.GetValue(concurrencyOption),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                MessageSize = parse.GetValue(size),
                Subscribers = extra is null ? 0 : (int)Extra("--subscribers"),
                Rate = extra is null ? 0 : Extra("--rate"),
                Drain = extra is null ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(Extra("--drain")),
                OperationTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                SourceAddresses = parse.GetValue(sources),
                MaxMessages = parse.GetValue(maxMessages),
            };
            var options = new RunOptions
            {
                Target = new TargetOptions
                {
                    Kind = given is not null ? TargetKind.Url : parse.GetValue(target),
                    Url = given,
                    ServerPid = parse.GetValue(serverPid),
                    ServiceDll = parse.GetValue(serviceDll),
                    AppsDirectory = parse.GetValue(apps),
                    Workers = parse.GetValue(workers),
                    ServerEnvironment = parse.GetValue(serverEnv) ?? [],
                },
                Settings = settings,
                Compare = parse.GetValue(compare),
                Runs = parse.GetValue(runs),
                JsonPath = parse.GetValue(json),
                ShowProgress = !parse.GetValue(noProgress),
                WaitQuiet = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(waitQuiet))),
                MaxSteal = Math.Max(0, parse.GetValue(maxSteal)),
            };
            if (OptionProblem(options) is { } problem)
            {
                await Console.Error.WriteLineAsync("error: " + problem);
                return 2;
            }

            return await BenchRunner.RunAsync(scenario, options, cancellationToken);
        });
        return command;
    }

    private static string? OptionProblem(RunOptions options)
    {
        if (options.Compare && options.Target.Kind == TargetKind.Url)
        {
            return "--compare starts both servers itself; it cannot be combined with --url.";
        }

        if (options.Target.Url is { } url && !UrlIsLoopback(url))
        {
            return $"--url {url}: only ws:// URLs on a loopback address are allowed.";
        }

        if (options.Target.Kind == TargetKind.Url && options.Target.Url is null)
        {
            return "--target url needs --url ws://127.0.0.1:PORT/ws.";
        }

        var s = options.Settings;
        if (s.Duration <= TimeSpan.Zero || s.Duration > TimeSpan.FromHours(1) || s.Warmup < TimeSpan.Zero)
        {
            return "--duration must be in (0, 3600] seconds and --warmup >= 0.";
        }

        if (s.MessageSize is < Payloads.MinimumSize or > 1_000_000)
        {
            return $"--message-size must be between {Payloads.MinimumSize} and 1000000.";
        }

        if (options.Runs is < 1 or > 20)
        {
            return "--runs must be between 1 and 20.";
        }

        return null;
    }

    private static bool UrlIsLoopback(Uri url) =>
        url.Scheme is "ws" or "wss"
        && (url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));

    private static Command MicroCommand()
    {
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks (frame codec, command validation, hub fan-out, pipeline). " +
            "Every further argument goes to BenchmarkDotNet, e.g. micro --filter '*' --job short.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Micro.MicroBenchmarks.Run([.. parse.UnmatchedTokens]));
        return command;
    }

    private static Command ServeBaselineCommand()
    {
        var port = new Option<int>("--port") { Required = true };
        var app = new Option<BenchApp>("--app") { DefaultValueFactory = _ => BenchApp.Echo };
        var command = new Command("serve-baseline", "Internal: the raw Kestrel baseline server (started by --target baseline).") { Hidden = true };
        command.Options.Add(port);
        command.Options.Add(app);
        command.SetAction((parse, cancellationToken) => BaselineServer.RunAsync(parse.GetValue(port), parse.GetValue(app), cancellationToken));
        return command;
    }
}
