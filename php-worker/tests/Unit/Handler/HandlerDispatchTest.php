<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Handler;

use Dispatch\Worker\Relay\InMemoryRelay;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\Tests\Fixtures\EventMethodsObject;
use Dispatch\Worker\Tests\Fixtures\HandleWebSocketObject;
use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\Tests\Support\WorkerRun;
use Dispatch\Worker\Worker;
use PHPUnit\Framework\TestCase;
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

/**
 * Dispatch mode (CONTRACT 4): handler kinds, return values, errors.
 */
final class HandlerDispatchTest extends TestCase
{
    public function testAppCallbacksReceiveTheirArguments(): void
    {
        $calls = [];
        $app = new App(
            onOpen: function (Connection $conn, array $frame) use (&$calls): void {
                $calls[] = ['open', $conn->id(), $frame['path']];
            },
            onMessage: function (Connection $conn, string $data, array $frame) use (&$calls): void {
                $calls[] = ['message', $data, $frame['opcode']];
                $conn->send('echo:' . $data);
            },
            onClose: function (Connection $conn, int $code, string $reason, array $frame) use (&$calls): void {
                $calls[] = ['close', $code, $reason];
            },
        );

        $out = WorkerRun::messages($app, [Events::open(), Events::message('hi'), Events::close('c1', 4000, 'gone')]);

        self::assertSame([['open', 'c1', '/ws/chat'], ['message', 'hi', 'text'], ['close', 4000, 'gone']], $calls);
        self::assertSame([
            ['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => []],
            ['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => [['event' => 'send', 'data' => 'echo:hi']]],
            ['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => []],
        ], $out);
    }

    public function testAppWithoutCallbacksAcceptsAndIgnores(): void
    {
        $out = WorkerRun::messages(new App(), [Events::open(), Events::message('x'), Events::close()]);

        self::assertSame([true, true, true], array_column($out, 'accepted'));
        self::assertSame([[], [], []], array_column($out, 'commands'));
    }

    public function testBinaryArrivesAsRawBytesAndIsSentBackAsBase64(): void
    {
        $bytes = "\x00\x01\xFE\xFF binary";
        $seen = null;
        $app = new App(onMessage: function (Connection $conn, string $data, array $frame) use (&$seen): void {
            $seen = [$data, $frame['data'], $frame['opcode']];
            $conn->send($data, $frame['opcode']);
        });

        $out = WorkerRun::messages($app, [Events::message(base64_encode($bytes), 'c1', ['opcode' => 'binary'])]);

        self::assertSame([$bytes, $bytes, 'binary'], $seen);
        self::assertSame([['event' => 'send', 'data' => base64_encode($bytes), 'opcode' => 'binary']], $out[0]['commands']);
    }

    public function testInvalidBase64IsAContractError(): void
    {
        $out = WorkerRun::messages(new App(), [Events::message('***not base64***', 'c7', ['opcode' => 'binary'])]);

        self::assertSame('error', $out[0]['event']);
        self::assertSame('c7', $out[0]['id']);
        self::assertSame('app_contract_error', $out[0]['error_class']);
    }

    public function testPlainCallable(): void
    {
        $handler = static function (array $frame, Connection $conn): void {
            if ($frame['event'] === 'message') {
                $conn->send(strtoupper($frame['data']));
            }
        };

        $out = WorkerRun::messages($handler, [Events::open(), Events::message('loud')]);

        self::assertTrue($out[0]['accepted']);
        self::assertSame([['event' => 'send', 'data' => 'LOUD']], $out[1]['commands']);
    }

    public function testArrayWithWebsocketKey(): void
    {
        $bootstrap = [
            'http' => static fn (array $request): array => ['status' => 200],
            'websocket' => new App(onMessage: static fn (Connection $c, string $d) => $c->send('ws:' . $d)),
        ];

        $out = WorkerRun::messages($bootstrap, [Events::message('a')]);

        self::assertSame([['event' => 'send', 'data' => 'ws:a']], $out[0]['commands']);
    }

    public function testObjectWithHandleWebSocket(): void
    {
        $object = new HandleWebSocketObject();

        $out = WorkerRun::messages($object, [Events::open(), Events::message('a')]);

        self::assertSame(['open', 'message'], $object->seen);
        self::assertSame([['event' => 'send', 'data' => 'object:a']], $out[1]['commands']);
    }

    public function testObjectWithEventMethods(): void
    {
        $out = WorkerRun::messages(new EventMethodsObject(), [
            Events::open('c1', ['query' => ['token' => 'ok']]),
            Events::open('c2', ['query' => ['token' => 'bad']]),
            Events::message('m', 'c1'),
        ]);

        self::assertTrue($out[0]['accepted']);
        self::assertFalse($out[1]['accepted']);
        self::assertSame([['event' => 'send', 'data' => 'methods:m']], $out[2]['commands']);
    }

    public function testReturningFalseFromOpenRejectsWith403(): void
    {
        $app = new App(onOpen: static function (Connection $conn): bool {
            $conn->send('dropped with the rejection');

            return false;
        });

        $out = WorkerRun::messages($app, [Events::open()]);

        self::assertSame([
            'mode' => 'websocket_dispatch',
            'id' => 'c1',
            'accepted' => false,
            'commands' => [['event' => 'close', 'code' => 1008, 'reason' => 'Rejected', 'status' => 403]],
        ], $out[0]);
    }

    public function testReturningAStringSendsIt(): void
    {
        $out = WorkerRun::messages(static fn (array $frame): string => 'hello ' . $frame['event'], [Events::open(), Events::message('x')]);

        self::assertTrue($out[0]['accepted']);
        self::assertSame([['event' => 'send', 'data' => 'hello open']], $out[0]['commands']);
        self::assertSame([['event' => 'send', 'data' => 'hello message']], $out[1]['commands']);
    }

    /**
     * @dataProvider thrownErrors
     */
    public function testExceptionsBecomeErrorResponsesWithTheRightClass(\Throwable $thrown, string $errorClass): void
    {
        $app = new App(onMessage: static function (Connection $conn) use ($thrown): void {
            $conn->send('never sent');

            throw $thrown;
        });

        $run = new WorkerRun($app, [Events::message('x', 'c5'), Events::message('y', 'c6')]);
        $out = $run->relay->sentMessages();

        self::assertSame([
            'mode' => 'websocket_dispatch',
            'event' => 'error',
            'id' => 'c5',
            'error_class' => $errorClass,
            'error' => $thrown::class . ': ' . $thrown->getMessage(),
        ], $out[0]);
        self::assertSame('c6', $out[1]['id'], 'the worker keeps serving after a handler failure');
        self::assertStringContainsString('handler failed on message of c5', $run->stderrText());
    }

    /**
     * @return iterable<string, array{\Throwable, string}>
     */
    public static function thrownErrors(): iterable
    {
        yield 'RuntimeException' => [new \RuntimeException('db down'), 'worker_runtime_error'];
        yield 'Error' => [new \Error('oops'), 'worker_runtime_error'];
        yield 'TypeError' => [new \TypeError('bad type'), 'app_contract_error'];
        yield 'InvalidArgumentException' => [new \InvalidArgumentException('bad arg'), 'app_contract_error'];
        yield 'LogicException' => [new \LogicException('bad logic'), 'app_contract_error'];
        yield 'DomainException (a LogicException)' => [new \DomainException('domain'), 'app_contract_error'];
    }

    public function testWrongCallbackSignatureIsAContractError(): void
    {
        $app = new App(onMessage: static fn (Connection $conn, int $notAString) => null);

        $out = WorkerRun::messages($app, [Events::message('text')]);

        self::assertSame('app_contract_error', $out[0]['error_class']);
        self::assertStringStartsWith('TypeError: ', $out[0]['error']);
    }

    public function testExceptionDuringOpenIsAnErrorResponse(): void
    {
        $app = new App(onOpen: static fn () => throw new \RuntimeException('no'));

        $out = WorkerRun::messages($app, [Events::open()]);

        self::assertSame('error', $out[0]['event']);
        self::assertSame('worker_runtime_error', $out[0]['error_class']);
    }

    /**
     * @dataProvider invalidHandlers
     */
    public function testInvalidHandlerAnswersAContractError(mixed $bootstrap): void
    {
        $out = WorkerRun::messages($bootstrap, [Events::message('x', 'c3')]);

        self::assertSame([
            'mode' => 'websocket_dispatch',
            'event' => 'error',
            'id' => 'c3',
            'error_class' => 'app_contract_error',
            'error' => 'WebSocket handler unavailable',
        ], $out[0]);
    }

    /**
     * @return iterable<string, array{mixed}>
     */
    public static function invalidHandlers(): iterable
    {
        yield 'int' => [1];
        yield 'null' => [null];
        yield 'plain object' => [new \stdClass()];
        yield 'array without websocket' => [['http' => 'strlen-not-ws']];
        yield 'websocket key holding junk' => [['websocket' => 42]];
    }

    public function testHandlerOutputIsCapturedAndForwardedToStderr(): void
    {
        $app = new App(onMessage: static function (Connection $conn, string $data): void {
            echo "debug: got $data";
            print_r(['x' => 1]);
            $conn->send('ok');
        });

        $run = new WorkerRun($app, [Events::message('x')]);

        self::assertSame([['event' => 'send', 'data' => 'ok']], $run->relay->sentMessages()[0]['commands']);
        self::assertStringContainsString('[handler output] debug: got x', $run->stderrText());
    }

    public function testBuffersAHandlerLeavesOpenAreClosedAndCaptured(): void
    {
        $level = ob_get_level();
        $app = new App(onMessage: static function (Connection $conn): void {
            ob_start();
            echo 'left in an unclosed buffer';
            $conn->send('ok');
        });

        $run = new WorkerRun($app, [Events::message('x')]);

        self::assertSame($level, ob_get_level());
        self::assertStringContainsString('left in an unclosed buffer', $run->stderrText());
    }

    public function testInvalidUtf8FromAHandlerIsSubstitutedNotFatal(): void
    {
        $app = new App(onMessage: static fn (Connection $conn) => $conn->send("bad \xC3\x28 utf8"));

        $out = WorkerRun::messages($app, [Events::message('x')]);

        self::assertSame("bad \u{FFFD}( utf8", $out[0]['commands'][0]['data']);
    }

    public function testReplyAboveTheFrameLimitBecomesAnErrorNotACrash(): void
    {
        $stderr = fopen('php://memory', 'w+b');
        $relay = InMemoryRelay::withFrames([Events::json(Events::message('x', 'big'))]);
        $app = new App(onMessage: static fn (Connection $conn) => $conn->send(str_repeat('a', 5000)));
        $worker = new Worker($relay, $app, new OutputGuard($stderr), new Logger($stderr), 4096);

        $worker->run();

        $out = $relay->sentMessages();
        self::assertSame('error', $out[0]['event']);
        self::assertSame('big', $out[0]['id']);
        self::assertSame('worker_runtime_error', $out[0]['error_class']);
        self::assertStringContainsString('exceeds the maximum frame size', $out[0]['error']);
    }
}
