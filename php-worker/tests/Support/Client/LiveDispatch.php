<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Support\Client;

use Dispatch\Client\DispatchClient;

/**
 * The real Dispatch service (`dotnet Dispatch.Service.dll`) as a child
 * process for the client's integration tests: free loopback ports for the
 * websocket and API listeners, a random token, examples/who.php as the app
 * (so workers use the client too). Built with `dotnet build -c Release` when
 * the dll is missing. Ready when /readyz answers 200; stopped with SIGTERM
 * when the PHPUnit process ends. One instance serves the whole run.
 */
final class LiveDispatch
{
    private const START_DEADLINE_SECONDS = 90.0;
    private const STOP_DEADLINE_SECONDS = 30.0;
    private const WORKERS = 2;

    private static ?self $shared = null;

    /** @var resource */
    private $process;

    private function __construct(
        public readonly string $apiUrl,
        public readonly string $webSocketUrl,
        public readonly string $token,
        private readonly string $log,
    ) {
    }

    public static function shared(): self
    {
        if (self::$shared === null) {
            self::$shared = self::start();
            register_shutdown_function(static function (): void {
                self::$shared?->stop();
            });
        }

        return self::$shared;
    }

    public function client(?string $token = null, float $timeout = 10.0): DispatchClient
    {
        return new DispatchClient($this->apiUrl, $token ?? $this->token, $timeout);
    }

    public function webSocket(string $query = ''): TestWebSocket
    {
        return TestWebSocket::connect($this->webSocketUrl . ($query === '' ? '' : '?' . $query));
    }

    public static function repositoryRoot(): string
    {
        return dirname(__DIR__, 4);
    }

    public static function freePort(): int
    {
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        if ($server === false) {
            throw new \RuntimeException("no free port: $errstr");
        }
        $name = (string) stream_socket_get_name($server, false);
        fclose($server);

        return (int) substr($name, strrpos($name, ':') + 1);
    }

    public function output(): string
    {
        return (string) @file_get_contents($this->log);
    }

    private static function start(): self
    {
        $root = self::repositoryRoot();
        $dll = $root . '/Dispatch.Service/bin/Release/net10.0/Dispatch.Service.dll';
        if (!is_file($dll)) {
            self::build($root);
        }
        $wsPort = self::freePort();
        $apiPort = self::freePort();
        $apiUrl = 'http://127.0.0.1:' . $apiPort;
        $token = bin2hex(random_bytes(24));
        $log = tempnam(sys_get_temp_dir(), 'dispatch-client-test-');
        $env = [
            'Dispatch__Api__Url' => $apiUrl,
            'Dispatch__Api__Token' => $token,
            'Dispatch__Workers__Count' => (string) self::WORKERS,
            'Dispatch__Workers__App' => $root . '/php-worker/examples/who.php',
            'Dispatch__Workers__WorkerScript' => $root . '/php-worker/bin/dispatch-worker',
            'Dispatch__Workers__Php' => PHP_BINARY,
            'Dispatch__Workers__Environment__DISPATCH_API_URL' => $apiUrl,
            'Dispatch__Workers__Environment__DISPATCH_API_TOKEN' => $token,
            'Dispatch__WebSocket__Paths' => '/ws',
            'Logging__LogLevel__Default' => 'Warning',
        ] + getenv();
        $process = proc_open(
            ['dotnet', $dll, '--urls', 'http://127.0.0.1:' . $wsPort],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']],
            $pipes,
            dirname($dll),
            $env,
        );
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start dotnet ' . $dll);
        }
        $live = new self($apiUrl, 'ws://127.0.0.1:' . $wsPort . '/ws', $token, $log);
        $live->process = $process;
        $live->waitReady();

        return $live;
    }

    private function waitReady(): void
    {
        $deadline = microtime(true) + self::START_DEADLINE_SECONDS;
        $context = stream_context_create(['http' => ['timeout' => 2.0, 'ignore_errors' => true]]);
        while (true) {
            $status = proc_get_status($this->process);
            if (!$status['running']) {
                throw new \RuntimeException("Dispatch exited with {$status['exitcode']} before it was ready:\n" . $this->output());
            }
            $stream = @fopen($this->apiUrl . '/readyz', 'rb', false, $context);
            if ($stream !== false) {
                $head = stream_get_meta_data($stream)['wrapper_data'][0] ?? '';
                fclose($stream);
                if (str_contains((string) $head, ' 200')) {
                    return;
                }
            }
            if (microtime(true) > $deadline) {
                $this->stop();
                throw new \RuntimeException(sprintf("Dispatch's API was not ready within %.0f s:\n%s", self::START_DEADLINE_SECONDS, $this->output()));
            }
            usleep(50_000);
        }
    }

    private function stop(): void
    {
        if (!is_resource($this->process)) {
            return;
        }
        proc_terminate($this->process, 15);
        $deadline = microtime(true) + self::STOP_DEADLINE_SECONDS;
        while (proc_get_status($this->process)['running']) {
            if (microtime(true) > $deadline) {
                proc_terminate($this->process, 9);
                break;
            }
            usleep(20_000);
        }
        proc_close($this->process);
        @unlink($this->log);
    }

    private static function build(string $root): void
    {
        $process = proc_open(['dotnet', 'build', $root . '/Dispatch.Service/Dispatch.Service.csproj', '-c', 'Release'], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, $root);
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot run dotnet build');
        }
        $output = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        if (proc_close($process) !== 0) {
            throw new \RuntimeException("dotnet build -c Release failed:\n" . substr((string) $output, -4000));
        }
    }
}
