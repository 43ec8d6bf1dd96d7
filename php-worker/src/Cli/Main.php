<?php

declare(strict_types=1);

namespace Dispatch\Worker\Cli;

use Dispatch\Worker\AppLoader;
use Dispatch\Worker\Exception\AppLoadException;
use Dispatch\Worker\Exception\DispatchException;
use Dispatch\Worker\Frame\FrameCodec;
use Dispatch\Worker\Relay\UnixSocketListener;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\Support\ParentWatch;
use Dispatch\Worker\Worker;

/**
 * `dispatch-worker` from argv to exit code.
 *
 * Exit codes: 0 Dispatch hung up between frames, or the parent is gone;
 * 1 protocol or transport failure (bad frame, truncated frame, socket error);
 * 2 bad usage or an app file that does not load (reported before the socket
 * exists, so Dispatch sees the worker die instead of a socket that answers
 * every event with an error).
 */
final class Main
{
    public const EXIT_OK = 0;
    public const EXIT_PROTOCOL = 1;
    public const EXIT_CONFIG = 2;

    /**
     * @param list<string> $argv
     */
    /**
     * Ctrl+C in a terminal and systemd's default stop signal the whole process group, workers included. A managed
     * worker ignores SIGINT/SIGTERM so it is still there to run the close events Dispatch sends while it shuts down;
     * it exits when Dispatch closes its connection (or dies), and Dispatch SIGKILLs one that hangs.
     */
    private static function leaveShutdownToDispatch(): void
    {
        if (function_exists('pcntl_signal')) {
            pcntl_signal(SIGINT, SIG_IGN);
            pcntl_signal(SIGTERM, SIG_IGN);
        }
    }

    public static function run(array $argv): int
    {
        $logger = new Logger();
        $guard = new OutputGuard();
        $guard->installGlobal();

        /** @var array<string, string> $env */
        $env = getenv();
        $options = Options::parse($argv, $env);
        if ($options->help) {
            fwrite(STDERR, Options::usage());

            return self::EXIT_OK;
        }
        if ($options->problems !== []) {
            fwrite(STDERR, 'dispatch-worker: ' . implode('; ', $options->problems) . "\n" . Options::usage());

            return self::EXIT_CONFIG;
        }

        try {
            $app = AppLoader::load($options->app, $guard);
        } catch (AppLoadException $e) {
            fwrite(STDERR, 'dispatch-worker: ' . str_replace(["\r", "\n"], ' ', $e->getMessage()) . "\n");

            return self::EXIT_CONFIG;
        }

        $codec = new FrameCodec($options->maxFrameBytes);
        $parent = ParentWatch::fromEnvironment();
        if ($parent->isManaged()) {
            self::leaveShutdownToDispatch();
        }
        try {
            $listener = UnixSocketListener::listen($options->socket);
            $logger->info(sprintf('listening on %s', $options->socket));
            $relay = $listener->accept($parent->isParentGone(...), $codec);
            $listener->close();
            if ($relay === null) {
                $logger->info('parent process is gone; exiting');

                return self::EXIT_OK;
            }
            try {
                (new Worker($relay, $app, $guard, $logger, $options->maxFrameBytes))->run();
            } finally {
                $relay->close();
            }
        } catch (DispatchException $e) {
            $logger->error($e::class . ': ' . $e->getMessage());

            return self::EXIT_PROTOCOL;
        }

        return self::EXIT_OK;
    }
}
