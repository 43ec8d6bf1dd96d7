<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Integration\Client;

use Dispatch\Client\Exception\TransportException;
use Dispatch\Client\Transport\StreamTransport;
use Dispatch\Worker\Tests\Support\Client\LiveDispatch;
use PHPUnit\Framework\TestCase;

/**
 * The transport against a real HTTP server (`php -S`) that answers at once but trickles its body: the timeout is a
 * deadline for the whole answer, not a limit per read.
 */
final class StreamTransportTest extends TestCase
{
    /** @var resource|null */
    private $server = null;
    private string $url = '';

    protected function setUp(): void
    {
        $port = LiveDispatch::freePort();
        $router = dirname(__DIR__, 2) . '/Fixtures/http/trickle.php';
        $this->server = proc_open(
            [PHP_BINARY, '-S', '127.0.0.1:' . $port, $router],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
        );
        $this->url = 'http://127.0.0.1:' . $port . '/slow';
        $deadline = microtime(true) + 15.0;
        while (($socket = @fsockopen('127.0.0.1', $port, $errno, $errstr, 1.0)) === false) {
            self::assertLessThan($deadline, microtime(true), "php -S did not start listening: $errstr");
            usleep(20_000);
        }
        fclose($socket);
    }

    protected function tearDown(): void
    {
        if (is_resource($this->server)) {
            proc_terminate($this->server, 9);
            proc_close($this->server);
        }
    }

    public function testATricklingAnswerIsCutOffAtTheTimeout(): void
    {
        $started = microtime(true);
        try {
            (new StreamTransport())->request('GET', $this->url, [], null, 1.0);
            self::fail('a body trickling in for 6 s must not be accepted with a 1 s timeout');
        } catch (TransportException $e) {
            self::assertStringContainsString('no complete response within 1.0 s', $e->getMessage());
        }

        // Each byte arrives within the per-read timeout, so only a deadline stops it before the 6 s body ends.
        self::assertLessThan(4.0, microtime(true) - $started);
    }

    public function testTheWholeAnswerArrivesWhenTheTimeoutAllowsIt(): void
    {
        $response = (new StreamTransport())->request('GET', $this->url, [], null, 30.0);

        self::assertSame(200, $response->status);
        self::assertSame('{' . str_repeat(' ', 30) . '}', $response->body);
    }
}
