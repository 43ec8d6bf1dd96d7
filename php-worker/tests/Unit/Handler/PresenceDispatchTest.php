<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Handler;

use Dispatch\Worker\Tests\Fixtures\EventMethodsObject;
use Dispatch\Worker\Tests\Fixtures\PresenceMethodsObject;
use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\Tests\Support\WorkerRun;
use PHPUnit\Framework\TestCase;
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

/**
 * Presence events (issue 6): `App(onPresence: ...)`, the other handler kinds, and apps that do not handle them.
 */
final class PresenceDispatchTest extends TestCase
{
    public function testOnPresenceReceivesTheSubjectRoomActionAndFrame(): void
    {
        $calls = [];
        $app = new App(onPresence: function (Connection $conn, string $room, string $action, array $frame) use (&$calls): void {
            $calls[] = [$conn->id(), $room, $action, $frame['event'], $frame['cause'], $conn->userId(), $conn->rooms()];
            $conn->broadcast($room, $action . ':' . $conn->userId(), exceptId: $conn->id());
        });

        $out = WorkerRun::messages($app, [
            Events::presence('lobby', 'join', 'join', 'c7'),
            Events::presence('lobby', 'leave', 'close', 'c7'),
        ]);

        self::assertSame([
            ['c7', 'lobby', 'join', 'presence', 'join', 'u-c7', ['lobby']],
            ['c7', 'lobby', 'leave', 'presence', 'close', 'u-c7', []],
        ], $calls);
        self::assertSame([
            ['mode' => 'websocket_dispatch', 'id' => 'c7', 'accepted' => true, 'commands' => [
                ['event' => 'broadcast', 'room' => 'lobby', 'data' => 'join:u-c7', 'except_id' => 'c7'],
            ]],
            ['mode' => 'websocket_dispatch', 'id' => 'c7', 'accepted' => true, 'commands' => [
                ['event' => 'broadcast', 'room' => 'lobby', 'data' => 'leave:u-c7', 'except_id' => 'c7'],
            ]],
        ], $out);
    }

    public function testAppWithoutOnPresenceAnswersAnEmptyAcceptedResponse(): void
    {
        $out = WorkerRun::messages(new App(), [Events::presence('lobby', 'join', 'join')]);

        self::assertSame([['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => []]], $out);
    }

    public function testTheOldThreeArgumentFormStillWorksAndIgnoresPresence(): void
    {
        $app = new App(
            static fn (Connection $conn): bool => true,
            static fn (Connection $conn, string $data) => $conn->send('echo:' . $data),
            static function (): void {
            },
        );

        $out = WorkerRun::messages($app, [Events::open(), Events::presence('lobby', 'join', 'join'), Events::message('hi')]);

        self::assertTrue($out[0]['accepted']);
        self::assertSame([], $out[1]['commands']);
        self::assertSame([['event' => 'send', 'data' => 'echo:hi']], $out[2]['commands']);
    }

    public function testPlainCallableReceivesThePresenceFrame(): void
    {
        $seen = [];
        $handler = static function (array $frame, Connection $conn) use (&$seen): void {
            $seen[] = [$frame['event'], $frame['room'] ?? null, $frame['action'] ?? null, $frame['cause'] ?? null];
        };

        WorkerRun::messages($handler, [Events::presence('chat:1', 'leave', 'kick_room')]);

        self::assertSame([['presence', 'chat:1', 'leave', 'kick_room']], $seen);
    }

    public function testObjectWithAPresenceMethod(): void
    {
        $out = WorkerRun::messages(new PresenceMethodsObject(), [Events::presence('lobby', 'leave', 'replace_rooms', 'c2')]);

        self::assertSame([['event' => 'broadcast', 'room' => 'lobby', 'data' => 'leave:u-c2:replace_rooms']], $out[0]['commands']);
    }

    public function testObjectWithoutAPresenceMethodAnswersEmpty(): void
    {
        $out = WorkerRun::messages(new EventMethodsObject(), [Events::presence('lobby', 'join', 'join')]);

        self::assertTrue($out[0]['accepted']);
        self::assertSame([], $out[0]['commands']);
    }

    public function testAStringReturnedFromOnPresenceIsSentToTheSubject(): void
    {
        $app = new App(onPresence: static fn (Connection $conn, string $room, string $action): string => 'you ' . $action . ' ' . $room);

        $out = WorkerRun::messages($app, [Events::presence('lobby', 'join', 'join')]);

        self::assertSame([['event' => 'send', 'data' => 'you join lobby']], $out[0]['commands']);
    }
}
