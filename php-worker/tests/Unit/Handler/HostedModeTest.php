<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Handler;

use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\Tests\Support\WorkerRun;
use Dispatch\Worker\WebSocket\CommandBuffer;
use Dispatch\Worker\WebSocket\HostedConnection;
use PHPUnit\Framework\TestCase;
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

/**
 * Connection-hosted mode (CONTRACT 5) and the "same handler, both modes" promise.
 */
final class HostedModeTest extends TestCase
{
    private const MODE = 'websocket';

    /**
     * @param list<array<string, mixed>> $messages
     * @return list<string> "event" or "event:detail" per frame
     */
    private static function trace(array $messages): array
    {
        return array_map(static function (array $m): string {
            self::assertSame('websocket', $m['mode']);
            $detail = $m['data'] ?? $m['room'] ?? $m['error_class'] ?? (isset($m['code']) ? $m['code'] . '/' . ($m['status'] ?? '-') : null);

            return $m['event'] . ($detail === null ? '' : ':' . $detail);
        }, $messages);
    }

    public function testFramesAreWrittenInOrderAndEachEventEndsWithDone(): void
    {
        $app = new App(
            onOpen: static fn (Connection $c) => $c->join('lobby'),
            onMessage: static function (Connection $c, string $data): void {
                $c->send('1:' . $data);
                $c->send('2:' . $data);
            },
            onClose: static fn (Connection $c) => $c->leave('lobby'),
        );

        $out = WorkerRun::messages($app, [
            Events::open('h1', [], self::MODE),
            Events::message('a', 'h1', [], self::MODE),
            Events::close('h1', 1000, 'bye', [], self::MODE),
        ]);

        // join was made before the (implicit) accept: it is held until the accept is written.
        self::assertSame(['accept', 'join:lobby', 'done', 'send:1:a', 'send:2:a', 'done', 'leave:lobby', 'done'], self::trace($out));
        self::assertSame(['h1'], array_values(array_unique(array_column($out, 'id'))));
    }

    public function testOnCloseStillBroadcastsAfterTheHandlersOwnClose(): void
    {
        $app = new App(
            onMessage: static fn (Connection $c) => $c->close(4000, 'kicked'),
            onClose: static fn (Connection $c) => $c->broadcast('lobby', 'left', exceptId: $c->id()),
        );

        $out = WorkerRun::messages($app, [
            Events::open('h1', [], self::MODE),
            Events::message('x', 'h1', [], self::MODE),
            Events::close('h1', 4000, 'kicked', [], self::MODE),
        ]);

        self::assertSame(['accept', 'done', 'close:4000/-', 'done', 'broadcast:left', 'done'], self::trace($out));
    }

    public function testExplicitAcceptIsWrittenOnceAndFirst(): void
    {
        $app = new App(onOpen: static function (Connection $c): void {
            $c->accept();
            $c->send('welcome');
            $c->accept();
        });

        $out = WorkerRun::messages($app, [Events::open('h1', [], self::MODE)]);

        self::assertSame(['accept', 'send:welcome', 'done'], self::trace($out));
    }

    public function testReturningFalseRejectsWithoutApplyingHeldCommands(): void
    {
        $app = new App(onOpen: static function (Connection $c): bool {
            $c->join('secret');

            return false;
        });

        $out = WorkerRun::messages($app, [Events::open('h1', [], self::MODE)]);

        self::assertSame(['close:1008/403', 'done'], self::trace($out));
        self::assertSame('Rejected', $out[0]['reason']);
    }

    public function testCloseDuringOpenRejectsWith403ByDefault(): void
    {
        $app = new App(onOpen: static fn (Connection $c) => $c->close(4001, 'no'));

        $out = WorkerRun::messages($app, [Events::open('h1', [], self::MODE)]);

        self::assertSame(['close:4001/403', 'done'], self::trace($out));
    }

    public function testExceptionDuringOpenWritesErrorThenClose500ThenDone(): void
    {
        $app = new App(onOpen: static fn () => throw new \RuntimeException('boom'));

        $out = WorkerRun::messages($app, [Events::open('h1', [], self::MODE)]);

        self::assertSame(['error:worker_runtime_error', 'close:1011/500', 'done'], self::trace($out));
        self::assertSame('RuntimeException: boom', $out[0]['error']);
        self::assertSame('worker error', $out[1]['reason']);
    }

    public function testExceptionDuringMessageClosesWithoutStatus(): void
    {
        $app = new App(onMessage: static function (Connection $c): void {
            $c->send('partial');

            throw new \InvalidArgumentException('bad');
        });

        $out = WorkerRun::messages($app, [Events::open('h1', [], self::MODE), Events::message('x', 'h1', [], self::MODE)]);

        self::assertSame(['accept', 'done', 'send:partial', 'error:app_contract_error', 'close:1011/-', 'done'], self::trace($out));
    }

    public function testMissingHandlerClosesWith501(): void
    {
        $out = WorkerRun::messages(42, [Events::open('h1', [], self::MODE)]);

        self::assertSame(['close:1011/501', 'done'], self::trace($out));
    }

    public function testPerConnectionStateSurvivesBetweenEvents(): void
    {
        // Allowed in hosted mode only: the handler closes over one $conn per websocket.
        $counts = new \SplObjectStorage();
        $app = new App(onMessage: static function (Connection $c) use ($counts): void {
            $counts[$c] = ($counts[$c] ?? 0) + 1;
            $c->send((string) $counts[$c]);
        });

        $out = WorkerRun::messages($app, [
            Events::open('h1', [], self::MODE),
            Events::message('a', 'h1', [], self::MODE),
            Events::message('b', 'h1', [], self::MODE),
        ]);

        self::assertSame(['accept', 'done', 'send:1', 'done', 'send:2', 'done'], self::trace($out));
    }

    public function testLocalChangesPersistWhenAnEventCarriesNoMetadata(): void
    {
        $rooms = [];
        $app = new App(
            onOpen: static fn (Connection $c) => $c->join('r1'),
            onClose: static function (Connection $c) use (&$rooms): void {
                $rooms = $c->rooms();
            },
        );

        WorkerRun::messages($app, [
            Events::open('h1', [], self::MODE),
            ['mode' => 'websocket', 'event' => 'close', 'id' => 'h1', 'code' => 1001, 'reason' => 'away'],
        ]);

        self::assertSame(['r1'], $rooms);
    }

    public function testTheSameTypeHintedHandlerRunsInBothModes(): void
    {
        $classes = [];
        $handler = static function (array $frame, Connection $conn) use (&$classes): void {
            $classes[] = $conn::class;
            if ($frame['event'] === 'message') {
                $conn->join('room');
                $conn->broadcast('room', $frame['data'], exceptId: $conn->id());
                $conn->send(implode(',', $conn->rooms()));
            }
        };

        $dispatch = WorkerRun::messages($handler, [Events::open('d1'), Events::message('hey', 'd1')]);
        $hosted = WorkerRun::messages($handler, [Events::open('h1', [], self::MODE), Events::message('hey', 'h1', [], self::MODE)]);

        self::assertSame([CommandBuffer::class, CommandBuffer::class, HostedConnection::class, HostedConnection::class], $classes);
        self::assertSame([
            ['event' => 'join', 'room' => 'room'],
            ['event' => 'broadcast', 'room' => 'room', 'data' => 'hey', 'except_id' => 'd1'],
            ['event' => 'send', 'data' => 'room'],
        ], $dispatch[1]['commands']);
        self::assertSame(['accept', 'done', 'join:room', 'broadcast:hey', 'send:room', 'done'], self::trace($hosted));
        self::assertSame('h1', $hosted[3]['except_id']);
    }

    public function testBinaryInHostedMode(): void
    {
        $app = new App(onMessage: static fn (Connection $c, string $data, array $frame) => $c->send(strrev($data), $frame['opcode']));

        $out = WorkerRun::messages($app, [Events::message(base64_encode("\x01\x02\x03"), 'h1', ['opcode' => 'binary'], self::MODE)]);

        self::assertSame(['mode' => 'websocket', 'event' => 'send', 'id' => 'h1', 'data' => base64_encode("\x03\x02\x01"), 'opcode' => 'binary'], $out[0]);
    }
}
