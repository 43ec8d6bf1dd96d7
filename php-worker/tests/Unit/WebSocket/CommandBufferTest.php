<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\WebSocket;

use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\WebSocket\CommandBuffer;
use PHPUnit\Framework\TestCase;

final class CommandBufferTest extends TestCase
{
    private static function onMessage(array $metadata = []): CommandBuffer
    {
        return CommandBuffer::forEvent(Events::decoded(Events::message('x', 'c1', ['metadata' => Events::metadata($metadata)])));
    }

    /**
     * Round trip through JSON, as Dispatch will see it.
     */
    private static function wire(CommandBuffer $conn): array
    {
        return json_decode(json_encode($conn->commands(), JSON_THROW_ON_ERROR), true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * @dataProvider commandShapes
     */
    public function testEachMethodProducesTheContractCommand(callable $call, array $expected): void
    {
        $conn = self::onMessage();
        $call($conn);

        self::assertSame([$expected], self::wire($conn));
    }

    /**
     * @return iterable<string, array{callable, array<string, mixed>}>
     */
    public static function commandShapes(): iterable
    {
        yield 'send text' => [static fn ($c) => $c->send('hi'), ['event' => 'send', 'data' => 'hi']];
        yield 'send binary' => [static fn ($c) => $c->send("\x00\xFFraw", 'binary'), ['event' => 'send', 'data' => base64_encode("\x00\xFFraw"), 'opcode' => 'binary']];
        yield 'close default' => [static fn ($c) => $c->close(), ['event' => 'close', 'code' => 1000]];
        yield 'close with reason, status dropped outside open' => [static fn ($c) => $c->close(4000, 'bye', 410), ['event' => 'close', 'code' => 4000, 'reason' => 'bye']];
        yield 'close another connection' => [static fn ($c) => $c->closeConnection('c9', 4001, 'kicked'), ['target_id' => 'c9', 'event' => 'close', 'code' => 4001, 'reason' => 'kicked']];
        yield 'join' => [static fn ($c) => $c->join('lobby'), ['event' => 'join', 'room' => 'lobby']];
        yield 'leave' => [static fn ($c) => $c->leave('lobby'), ['event' => 'leave', 'room' => 'lobby']];
        yield 'replace rooms' => [static fn ($c) => $c->replaceRooms(['a', 'b', 'a', '']), ['event' => 'replace_rooms', 'rooms' => ['a', 'b']]];
        yield 'kick room' => [static fn ($c) => $c->kickRoom('a'), ['event' => 'kick_room', 'room' => 'a']];
        yield 'broadcast' => [static fn ($c) => $c->broadcast('a', 'hey'), ['event' => 'broadcast', 'room' => 'a', 'data' => 'hey']];
        yield 'broadcast except' => [static fn ($c) => $c->broadcast('a', 'hey', exceptId: 'c1'), ['event' => 'broadcast', 'room' => 'a', 'data' => 'hey', 'except_id' => 'c1']];
        yield 'broadcast binary' => [static fn ($c) => $c->broadcast('a', "\x01", 'binary', 'c1'), ['event' => 'broadcast', 'room' => 'a', 'data' => 'AQ==', 'opcode' => 'binary', 'except_id' => 'c1']];
        yield 'send to' => [static fn ($c) => $c->sendTo('c2', 'psst'), ['event' => 'send_to', 'target_id' => 'c2', 'data' => 'psst']];
        yield 'send to user' => [static fn ($c) => $c->sendToUser('u-7', 'hello'), ['event' => 'send_to_user', 'user_id' => 'u-7', 'data' => 'hello']];
        yield 'set casts to string' => [static fn ($c) => $c->set('score', 42), ['event' => 'set_metadata', 'attrs' => ['score' => '42']]];
        yield 'set numeric key stays an object' => [static fn ($c) => $c->set('0', 'zero'), ['event' => 'set_metadata', 'attrs' => ['0' => 'zero']]];
        yield 'set null clears' => [static fn ($c) => $c->set('k', null), ['event' => 'clear_metadata', 'keys' => ['k']]];
        yield 'clear one' => [static fn ($c) => $c->clear('k'), ['event' => 'clear_metadata', 'keys' => ['k']]];
        yield 'clear all' => [static fn ($c) => $c->clear(), ['event' => 'clear_metadata']];
        yield 'bind user' => [static fn ($c) => $c->bindUser('u-42'), ['event' => 'set_metadata', 'user_id' => 'u-42']];
        yield 'schedule close' => [static fn ($c) => $c->scheduleClose(5000, 4008, 'idle'), ['event' => 'schedule_close', 'after_ms' => 5000, 'code' => 4008, 'reason' => 'idle']];
        yield 'cancel scheduled close' => [static fn ($c) => $c->scheduleClose(0), ['event' => 'schedule_close', 'after_ms' => 0, 'code' => 1000]];
        yield 'vhttpd setMeta' => [static fn ($c) => $c->setMeta('k', 'v'), ['event' => 'set_metadata', 'attrs' => ['k' => 'v']]];
        yield 'vhttpd clearMeta' => [static fn ($c) => $c->clearMeta('k'), ['event' => 'clear_metadata', 'keys' => ['k']]];
        yield 'vhttpd setPresence' => [static fn ($c) => $c->setPresence('away'), ['event' => 'set_metadata', 'attrs' => ['presence' => 'away']]];
    }

    public function testSetMetadataAttrsEncodeAsAJsonObject(): void
    {
        $conn = self::onMessage();
        $conn->set('0', 'zero');

        self::assertSame('[{"event":"set_metadata","attrs":{"0":"zero"}}]', json_encode($conn->commands()));
    }

    public function testEmptyNamesAreNoOps(): void
    {
        $conn = self::onMessage();
        $conn->join('');
        $conn->leave('');
        $conn->broadcast('', 'x');
        $conn->sendTo('', 'x');
        $conn->sendToUser('', 'x');
        $conn->set('', 'x');
        $conn->clear('');
        $conn->bindUser('');
        $conn->kickRoom('');
        $conn->closeConnection('');

        self::assertSame([], $conn->commands());
    }

    public function testUnknownOpcodeIsAnInvalidArgument(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        self::onMessage()->send('x', 'ping');
    }

    public function testReadsComeFromTheSnapshot(): void
    {
        $conn = self::onMessage([
            'user_id' => 'u-42',
            'rooms' => ['lobby', 'dev'],
            'attrs' => ['role' => 'member', 'n' => 7],
        ]);

        self::assertSame('c1', $conn->id());
        self::assertSame('u-42', $conn->userId());
        self::assertSame(['lobby', 'dev'], $conn->rooms());
        self::assertSame('member', $conn->get('role'));
        self::assertSame('7', $conn->get('n'));
        self::assertNull($conn->get('missing'));
        self::assertSame([
            'user_id' => 'u-42',
            'rooms' => ['lobby', 'dev'],
            'attrs' => ['role' => 'member', 'n' => '7'],
            'connected_at' => 1770000000123,
            'remote_addr' => '127.0.0.1',
            'path' => '/ws/chat',
        ], $conn->metadata());
    }

    public function testReadsReflectEarlierChangesInTheSameCall(): void
    {
        $conn = self::onMessage(['rooms' => ['lobby'], 'attrs' => ['a' => '1', 'b' => '2']]);

        $conn->join('dev');
        self::assertSame(['lobby', 'dev'], $conn->rooms());
        $conn->leave('lobby');
        self::assertSame(['dev'], $conn->rooms());
        $conn->replaceRooms(['x', 'y']);
        self::assertSame(['x', 'y'], $conn->rooms());
        $conn->kickRoom('x');
        self::assertSame(['y'], $conn->rooms());

        $conn->set('c', true);
        self::assertSame('1', $conn->get('c'));
        $conn->clear('a');
        self::assertNull($conn->get('a'));
        self::assertSame(['b' => '2', 'c' => '1'], $conn->metadata()['attrs']);
        $conn->clear();
        self::assertSame([], $conn->metadata()['attrs']);

        $conn->bindUser('u-1');
        self::assertSame('u-1', $conn->userId());
    }

    public function testMissingOrMalformedMetadataTakesDefaults(): void
    {
        $conn = CommandBuffer::forEvent(['event' => 'message', 'id' => 'c1', 'metadata' => ['rooms' => 'nope', 'attrs' => [1, 2], 'user_id' => 5]]);

        self::assertNull($conn->userId());
        self::assertSame([], $conn->rooms());
        self::assertSame(['0' => '1', '1' => '2'], $conn->metadata()['attrs']);
    }

    public function testNothingIsEmittedAfterClose(): void
    {
        $conn = self::onMessage();
        $conn->close(1000);
        $conn->send('late');
        $conn->join('late');
        $conn->close(4000);

        self::assertSame([['event' => 'close', 'code' => 1000]], $conn->commands());
        self::assertTrue($conn->closed());
    }

    public function testOpenIsAcceptedByFlagNotByCommand(): void
    {
        $conn = CommandBuffer::forEvent(Events::decoded(Events::open()));
        self::assertFalse($conn->accepted());
        $conn->accept();
        $conn->send('hi');

        self::assertSame(
            ['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => [['event' => 'send', 'data' => 'hi']]],
            $conn->response(),
        );
    }

    public function testCloseDuringUndecidedOpenRejectsWith403AndDropsEarlierCommands(): void
    {
        $conn = CommandBuffer::forEvent(Events::decoded(Events::open()));
        $conn->send('you will never see this');
        $conn->close(4001, 'no');

        self::assertSame(
            ['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => false, 'commands' => [['event' => 'close', 'code' => 4001, 'reason' => 'no', 'status' => 403]]],
            $conn->response(),
        );
    }

    public function testCloseDuringOpenKeepsAnExplicitStatus(): void
    {
        $conn = CommandBuffer::forEvent(Events::decoded(Events::open()));
        $conn->close(4003, 'auth', 401);

        self::assertSame([['event' => 'close', 'code' => 4003, 'reason' => 'auth', 'status' => 401]], $conn->commands());
    }

    public function testCloseAfterAcceptInOpenIsAnOrdinaryClose(): void
    {
        $conn = CommandBuffer::forEvent(Events::decoded(Events::open()));
        $conn->accept();
        $conn->send('bye');
        $conn->close(1000, 'done');

        $response = $conn->response();
        self::assertTrue($response['accepted']);
        self::assertSame([['event' => 'send', 'data' => 'bye'], ['event' => 'close', 'code' => 1000, 'reason' => 'done']], $response['commands']);
    }

    public function testAcceptOutsideOpenIsANoOp(): void
    {
        $conn = self::onMessage();
        $conn->accept();

        self::assertSame([], $conn->commands());
        self::assertTrue($conn->response()['accepted']);
    }

    public function testClosingOneselfByIdIsAPlainClose(): void
    {
        $conn = self::onMessage();
        $conn->closeConnection('c1', 4000);

        self::assertSame([['event' => 'close', 'code' => 4000]], $conn->commands());
    }
}
