<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Integration;

use Dispatch\Worker\Relay\StreamRelay;
use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\Tests\Support\WorkerProcess;
use PHPUnit\Framework\TestCase;

/**
 * bin/dispatch-worker as Dispatch runs it: a real process on a real unix socket.
 */
final class WorkerProcessTest extends TestCase
{
    private const ROOT = __DIR__ . '/../..';

    private string $dir;

    protected function setUp(): void
    {
        $this->dir = WorkerProcess::tempDir();
    }

    protected function tearDown(): void
    {
        foreach (glob($this->dir . '/{,*/}*', GLOB_BRACE) ?: [] as $path) {
            is_dir($path) ? @rmdir($path) : @unlink($path);
        }
        @rmdir($this->dir . '/nested');
        @rmdir($this->dir);
    }

    public function testEchoWorkerAnswersTwoEventsAndExitsZeroOnEof(): void
    {
        // A stale file from a crashed worker must not stop the new one; the parent dir is created.
        $socket = $this->dir . '/nested/w0.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/examples/echo.php'], ['DISPATCH_PARENT_PID' => (string) getmypid()]);
        $client = $worker->connect($socket);
        $relay = new StreamRelay($client);

        $relay->send(Events::json(Events::open('e1')));
        $relay->send(Events::json(Events::message('hello', 'e1')));
        $relay->send(Events::json(Events::message(base64_encode("\x00\xFF"), 'e1', ['opcode' => 'binary'])));

        self::assertSame('{"mode":"websocket_dispatch","id":"e1","accepted":true,"commands":[]}', $relay->waitFrame());
        self::assertSame('{"mode":"websocket_dispatch","id":"e1","accepted":true,"commands":[{"event":"send","data":"hello"}]}', $relay->waitFrame());
        self::assertSame('{"mode":"websocket_dispatch","id":"e1","accepted":true,"commands":[{"event":"send","data":"AP8=","opcode":"binary"}]}', $relay->waitFrame());

        $relay->close();

        self::assertSame(0, $worker->waitForExit(), $worker->stderr());
        self::assertSame('', $worker->stdout());
        self::assertFileDoesNotExist($socket, 'the socket file is removed once Dispatch is connected');
    }

    public function testAManagedWorkerOutlivesSigtermAndSigintUntilDispatchClosesItsConnection(): void
    {
        // Ctrl+C and systemd signal the whole process group; the close events still need a worker.
        $socket = $this->dir . '/w0.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/examples/echo.php'], ['DISPATCH_PARENT_PID' => (string) getmypid()]);
        $relay = new StreamRelay($worker->connect($socket));
        $relay->send(Events::json(Events::open('e1')));
        self::assertStringContainsString('"accepted":true', $relay->waitFrame());

        posix_kill($worker->pid(), SIGTERM);
        posix_kill($worker->pid(), SIGINT);
        $relay->send(Events::json(Events::message('still here', 'e1')));
        self::assertStringContainsString('"data":"still here"', $relay->waitFrame());

        $relay->close();
        self::assertSame(0, $worker->waitForExit(), $worker->stderr());
    }

    public function testStaleSocketFileIsReplacedAndEqualsFormWorks(): void
    {
        $socket = $this->dir . '/w1.sock';
        $stale = stream_socket_server('unix://' . $socket);
        fclose($stale); // leaves the socket file behind, like a crashed worker
        self::assertFileExists($socket);

        $worker = new WorkerProcess(['--socket=' . $socket], ['DISPATCH_APP' => self::ROOT . '/examples/echo.php']);
        $relay = new StreamRelay($worker->connect($socket));
        $relay->send(Events::json(Events::message('x', 'e2')));

        self::assertStringContainsString('"data":"x"', (string) $relay->waitFrame());
        $relay->close();
        self::assertSame(0, $worker->waitForExit(), $worker->stderr());
    }

    public function testAnIdleConnectionOutlivesTheSocketReadTimeout(): void
    {
        // default_socket_timeout makes a blocking fread give up without EOF; an
        // idle Dispatch must not be mistaken for a closed one.
        $socket = $this->dir . '/idle.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/examples/echo.php'], [], ['-d', 'default_socket_timeout=1']);
        $relay = new StreamRelay($worker->connect($socket));
        $relay->send(Events::json(Events::message('before', 'i1')));
        self::assertStringContainsString('"data":"before"', (string) $relay->waitFrame());

        // The idle period is the condition under test, not a synchronisation.
        usleep(1_300_000);

        $relay->send(Events::json(Events::message('after', 'i1')));
        self::assertStringContainsString('"data":"after"', (string) $relay->waitFrame());
        $relay->close();
        self::assertSame(0, $worker->waitForExit(), $worker->stderr());
    }

    public function testStrayOutputGoesToStderrNeverStdout(): void
    {
        $socket = $this->dir . '/w2.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/tests/Fixtures/apps/noisy.php']);
        $relay = new StreamRelay($worker->connect($socket));
        $relay->send(Events::json(Events::message('x', 'n1')));

        self::assertSame('{"mode":"websocket_dispatch","id":"n1","accepted":true,"commands":[{"event":"send","data":"quiet"}]}', $relay->waitFrame());
        $relay->close();

        self::assertSame(0, $worker->waitForExit());
        self::assertSame('', $worker->stdout());
        self::assertStringContainsString('loading noisy app', $worker->stderr());
        self::assertStringContainsString('noisy handler saw message', $worker->stderr());
        self::assertStringContainsString('a handler warning', $worker->stderr());
    }

    public function testABadFrameEndsTheWorkerWithExitOne(): void
    {
        $socket = $this->dir . '/w3.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/examples/echo.php'], ['DISPATCH_MAX_FRAME_BYTES' => '1024']);
        $client = $worker->connect($socket);
        fwrite($client, pack('N', 1025) . 'x');

        self::assertSame(1, $worker->waitForExit());
        self::assertStringContainsString('exceeds the maximum of 1024', $worker->stderr());
        fclose($client);
    }

    /**
     * @dataProvider badApps
     */
    public function testABadAppFileExitsTwoNamingTheFileBeforeCreatingTheSocket(string $app, string $expected): void
    {
        $socket = $this->dir . '/bad.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', $app]);

        self::assertSame(2, $worker->waitForExit());
        self::assertStringContainsString($app, $worker->stderr());
        self::assertStringContainsString($expected, $worker->stderr());
        self::assertSame(1, substr_count(trim($worker->stderr()), "\n") + 1, 'one line: ' . $worker->stderr());
        self::assertSame('', $worker->stdout());
        self::assertFileDoesNotExist($socket);
    }

    /**
     * @return iterable<string, array{string, string}>
     */
    public static function badApps(): iterable
    {
        $apps = realpath(__DIR__ . '/../Fixtures/apps');
        yield 'parse error' => [$apps . '/parse_error.php', 'ParseError: syntax error'];
        yield 'not a handler' => [$apps . '/not_a_handler.php', 'did not return a websocket handler'];
        yield 'throws while loading' => [$apps . '/throws.php', 'database not configured'];
        yield 'missing' => [$apps . '/does_not_exist.php', 'not found'];
    }

    public function testMissingSocketArgumentIsAUsageError(): void
    {
        $worker = new WorkerProcess(['--app', self::ROOT . '/examples/echo.php']);

        self::assertSame(2, $worker->waitForExit());
        self::assertStringContainsString('missing --socket', $worker->stderr());
    }

    public function testExitsWhenTheParentIsGoneWhileWaitingForDispatch(): void
    {
        // A pid that surely existed and is now gone: a child we start and reap.
        $child = proc_open([PHP_BINARY, '-r', ''], [], $pipes);
        $deadPid = proc_get_status($child)['pid'];
        proc_close($child);

        $socket = $this->dir . '/w4.sock';
        $worker = new WorkerProcess(['--socket', $socket, '--app', self::ROOT . '/examples/echo.php'], ['DISPATCH_PARENT_PID' => (string) $deadPid]);

        self::assertSame(0, $worker->waitForExit());
        self::assertStringContainsString('parent process is gone', $worker->stderr());
    }
}
