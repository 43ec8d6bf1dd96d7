<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Integration\Client;

use Dispatch\Client\DispatchClient;
use Dispatch\Client\Exception\InvalidRequestException;
use Dispatch\Client\Exception\NotFoundException;
use Dispatch\Client\Exception\PayloadTooLargeException;
use Dispatch\Client\Exception\TransportException;
use Dispatch\Client\Exception\UnauthorizedException;
use Dispatch\Client\Exception\UnknownConnectionException;
use Dispatch\Worker\Tests\Support\Client\LiveDispatch;
use Dispatch\Worker\Tests\Support\Client\TestWebSocket;
use PHPUnit\Framework\TestCase;

/**
 * Every client method against the real Dispatch service (started once per
 * run by LiveDispatch, app examples/who.php), with real websockets checking
 * what was delivered. Each test uses its own room and user names and closes
 * its sockets, waiting until Dispatch has forgotten them, so counts are exact.
 */
final class DispatchClientLiveTest extends TestCase
{
    private const DEADLINE_SECONDS = 15.0;

    private LiveDispatch $dispatch;
    private DispatchClient $client;
    private string $tag;

    /** @var array<string, TestWebSocket> by connection id */
    private array $sockets = [];

    protected function setUp(): void
    {
        $this->dispatch = LiveDispatch::shared();
        $this->client = $this->dispatch->client();
        $this->tag = bin2hex(random_bytes(4));
    }

    protected function tearDown(): void
    {
        foreach ($this->sockets as $socket) {
            $socket->close();
        }
        foreach (array_keys($this->sockets) as $id) {
            $this->eventually(fn (): bool => $this->client->connection($id) === null, "connection $id to be gone");
        }
    }

    public function testPublishReachesEveryRoomMemberButTheExceptedOne(): void
    {
        $room = 'room-' . $this->tag;
        [$a, $aId] = $this->open($room, 'ua-' . $this->tag);
        [$b] = $this->open($room, 'ub-' . $this->tag);

        self::assertSame(1, $this->client->publish($room, 'not for a', exceptId: $aId));
        self::assertSame('not for a', $b->receiveText());
        self::assertSame(2, $this->client->publish($room, "to both \u{2713}"));
        self::assertSame("to both \u{2713}", $a->receiveText(), 'a got the second publish first: the except_id one never reached it');
        self::assertSame("to both \u{2713}", $b->receiveText());
        self::assertSame(2, $this->client->publish($room, "\x00\xFFraw", 'binary'));
        self::assertSame(['binary', "\x00\xFFraw"], $a->receive());
        self::assertSame(['binary', "\x00\xFFraw"], $b->receive());
        self::assertSame(0, $this->client->publish('nobody-here-' . $this->tag, 'x'));
    }

    public function testSendToUserAndToConnection(): void
    {
        $user = 'u-' . $this->tag;
        [$a, $aId] = $this->open('r1-' . $this->tag, $user);
        [$b] = $this->open('r2-' . $this->tag, $user);
        [$c, $cId] = $this->open('r3-' . $this->tag, 'other-' . $this->tag);

        self::assertSame(2, $this->client->sendToUser($user, 'order 1001 shipped'));
        self::assertSame('order 1001 shipped', $a->receiveText());
        self::assertSame('order 1001 shipped', $b->receiveText());
        self::assertSame(0, $this->client->sendToUser('no-such-user-' . $this->tag, 'x'));

        self::assertSame(1, $this->client->sendToConnection($cId, 'just c'));
        self::assertSame('just c', $c->receiveText());
        self::assertSame(1, $this->client->sendToConnection($aId, "\x01\x02", 'binary'));
        self::assertSame(['binary', "\x01\x02"], $a->receive());

        $this->expectException(UnknownConnectionException::class);
        $this->client->sendToConnection('no-such-connection', 'x');
    }

    public function testConnectionPresenceCountsAndAdminListings(): void
    {
        $room = 'lobby-' . $this->tag;
        [, $aId] = $this->open($room, 'ua-' . $this->tag, 'ann');
        [, $bId] = $this->open($room, 'ub-' . $this->tag);

        $connection = $this->client->connection($aId);
        self::assertNotNull($connection);
        self::assertSame($aId, $connection['id']);
        self::assertSame('ua-' . $this->tag, $connection['user_id']);
        self::assertSame([$room], $connection['rooms']);
        self::assertSame(['nick' => 'ann'], $connection['attrs']);
        self::assertSame('/ws', $connection['path']);
        self::assertStringContainsString('127.0.0.1', $connection['remote_addr']);
        self::assertIsInt($connection['connected_at']);
        self::assertEqualsWithDelta(time() * 1000, $connection['connected_at'], 120_000);
        self::assertNull($this->client->connection('no-such-connection'));

        $members = $this->client->roomMembers($room);
        self::assertSame($room, $members['room']);
        self::assertSame(2, $members['count']);
        $byId = array_column($members['members'], null, 'id');
        ksort($byId);
        $expected = [$aId => ['id' => $aId, 'user_id' => 'ua-' . $this->tag, 'attrs' => ['nick' => 'ann']], $bId => ['id' => $bId, 'user_id' => 'ub-' . $this->tag, 'attrs' => []]];
        ksort($expected);
        self::assertSame($expected, $byId);
        self::assertSame(['room' => 'empty-' . $this->tag, 'count' => 0, 'members' => []], $this->client->roomMembers('empty-' . $this->tag));

        // Other tests' sockets are gone (tearDown waits), so these are exactly ours.
        self::assertSame(['connections' => 2, 'rooms' => 1, 'users' => 2], $this->client->counts());

        $page = $this->client->connections(room: $room, limit: 1);
        self::assertSame(2, $page['total']);
        self::assertSame(0, $page['offset']);
        self::assertSame(1, $page['limit']);
        self::assertCount(1, $page['items']);
        $second = $this->client->connections(room: $room, offset: 1, limit: 1);
        self::assertCount(1, $second['items']);
        self::assertEqualsCanonicalizing([$aId, $bId], [$page['items'][0]['id'], $second['items'][0]['id']]);
        $mine = $this->client->connections(user: 'ub-' . $this->tag);
        self::assertSame(1, $mine['total']);
        self::assertSame($bId, $mine['items'][0]['id']);

        $rooms = $this->client->rooms();
        self::assertSame(1, $rooms['total']);
        self::assertSame([['room' => $room, 'members' => 2]], $rooms['items']);
    }

    public function testRoomNamesWithReservedUrlCharactersRoundTrip(): void
    {
        $room = "team a/b?x#{$this->tag}%";
        [$a] = $this->open($room, null);

        self::assertSame(1, $this->client->roomMembers($room)['count']);
        self::assertSame(1, $this->client->publish($room, 'odd room'));
        self::assertSame('odd room', $a->receiveText());
    }

    public function testCloseConnectionCloseUserAndKickRoom(): void
    {
        $room = 'k-' . $this->tag;
        $user = 'closer-' . $this->tag;
        [$a, $aId] = $this->open($room, 'solo-' . $this->tag);
        [$b, $bId] = $this->open($room, $user);
        [$c, $cId] = $this->open('k2-' . $this->tag, $user);

        self::assertSame(1, $this->client->closeConnection($aId, 4001, 'bye a'));
        self::assertSame([4001, 'bye a'], $a->receiveClose());
        self::assertSame(2, $this->client->closeUser($user, 4002, 'account locked'));
        self::assertSame([4002, 'account locked'], $b->receiveClose());
        self::assertSame([4002, 'account locked'], $c->receiveClose());
        self::assertSame(0, $this->client->closeUser('no-such-user-' . $this->tag));
        foreach ([$aId, $bId, $cId] as $id) {
            // A closing connection is still a member until its close completes.
            $this->eventually(fn (): bool => $this->client->connection($id) === null, "closed connection $id to be gone");
        }

        [, $dId] = $this->open($room, null);
        $this->open($room, null);
        self::assertSame(2, $this->client->kickRoom($room));
        self::assertSame(0, $this->client->roomMembers($room)['count']);
        self::assertSame([], $this->client->connection($dId)['rooms'], 'kicked, not closed');
        self::assertSame(0, $this->client->kickRoom($room));

        $this->expectException(UnknownConnectionException::class);
        $this->client->closeConnection($aId);
    }

    public function testAWorkerHandlerUsesTheClientForPresence(): void
    {
        $room = 'who-' . $this->tag;
        [$a, $aId] = $this->open($room, 'ua-' . $this->tag, 'ann');
        [, $bId] = $this->open($room, null, 'bob');

        $a->sendText('who');
        $answer = $a->receiveJson();

        self::assertSame('who', $answer['type']);
        self::assertSame($room, $answer['room']);
        self::assertSame(2, $answer['count']);
        $members = array_column($answer['members'], null, 'id');
        self::assertSame(['id' => $aId, 'user_id' => 'ua-' . $this->tag, 'nick' => 'ann'], $members[$aId]);
        self::assertSame(['id' => $bId, 'user_id' => null, 'nick' => 'bob'], $members[$bId]);
    }

    public function testWorkersAndRestart(): void
    {
        $workers = $this->client->workers();
        self::assertSame([0, 1], array_column($workers, 'index'));
        foreach ($workers as $worker) {
            self::assertIsInt($worker['pid']);
            self::assertIsString($worker['state']);
            self::assertIsInt($worker['events_served']);
            self::assertIsInt($worker['restarts']);
        }
        $before = $workers[1]['pid'];

        self::assertSame(1, $this->client->restartWorker(1));
        $this->eventually(function () use ($before): bool {
            $pid = $this->client->workers()[1]['pid'];

            return is_int($pid) && $pid !== $before;
        }, 'worker 1 to come back with a new pid');
        $this->eventually(fn (): bool => $this->client->isReady(), 'Dispatch to be ready again');

        try {
            $this->client->restartWorker(99);
            self::fail('expected NotFoundException');
        } catch (NotFoundException $e) {
            self::assertSame(404, $e->status());
        }
    }

    public function testMissingAndWrongTokensAreUnauthorized(): void
    {
        foreach (['' => 'missing', 'wrong-' . $this->tag => 'wrong'] as $token => $case) {
            $client = new DispatchClient($this->dispatch->apiUrl, $token);
            foreach ([fn () => $client->counts(), fn () => $client->publish('r', 'x'), fn () => $client->connection('c')] as $call) {
                try {
                    $call();
                    self::fail("$case token: expected UnauthorizedException");
                } catch (UnauthorizedException $e) {
                    self::assertSame(401, $e->status(), $case);
                    self::assertSame('unauthorized', $e->errorCode(), $case);
                    if ($token !== '') {
                        self::assertStringNotContainsString($token, (string) $e);
                    }
                    self::assertStringNotContainsString($this->dispatch->token, (string) $e);
                }
            }
            self::assertTrue($client->isReady(), 'the health checks need no token');
        }
    }

    public function testInvalidInputComesBackWithTheValidatorsProblems(): void
    {
        $cases = [
            'opcode' => fn () => $this->client->publish('r', 'x', 'ping'),
            'close code' => fn () => $this->client->closeUser('u', 1005),
            'room name length' => fn () => $this->client->publish(str_repeat('r', 129), 'x'),
        ];
        foreach ($cases as $case => $call) {
            try {
                $call();
                self::fail("$case: expected InvalidRequestException");
            } catch (InvalidRequestException $e) {
                self::assertSame(400, $e->status(), $case);
                self::assertSame('invalid_request', $e->errorCode(), $case);
                self::assertNotEmpty($e->problems(), $case);
                self::assertStringContainsString($e->problems()[0], $e->getMessage(), $case);
            }
        }
    }

    public function testABodyAboveTheLimitIsPayloadTooLarge(): void
    {
        // Default limit: MaxMessageBytes (1 MiB) + 64 KiB.
        $this->expectException(PayloadTooLargeException::class);
        $this->client->publish('r', str_repeat('x', 1024 * 1024 + 65 * 1024));
    }

    public function testNothingListeningIsATransportException(): void
    {
        $client = new DispatchClient('http://127.0.0.1:' . LiveDispatch::freePort(), 'secret-' . $this->tag, 2.0);

        try {
            $client->counts();
            self::fail('expected TransportException');
        } catch (TransportException $e) {
            self::assertStringContainsString('GET http://127.0.0.1:', $e->getMessage());
            self::assertStringContainsString('Connection refused', $e->getMessage());
            self::assertStringNotContainsString('secret-' . $this->tag, (string) $e);
        }
    }

    /**
     * Opens a websocket in a room (optionally bound to a user, with a nick)
     * and returns it with the connection id from the app's welcome.
     *
     * @return array{0: TestWebSocket, 1: string}
     */
    private function open(string $room, ?string $user, ?string $nick = null): array
    {
        $socket = $this->dispatch->webSocket(http_build_query(array_filter(['room' => $room, 'user' => $user, 'nick' => $nick]), '', '&', PHP_QUERY_RFC3986));
        $welcome = $socket->receiveJson();
        self::assertSame('welcome', $welcome['type']);
        $this->sockets[$welcome['id']] = $socket;

        return [$socket, $welcome['id']];
    }

    private function eventually(callable $condition, string $what): void
    {
        $deadline = microtime(true) + self::DEADLINE_SECONDS;
        while (!$condition()) {
            if (microtime(true) > $deadline) {
                self::fail(sprintf('waited %.0f s for %s', self::DEADLINE_SECONDS, $what));
            }
            usleep(20_000);
        }
    }
}
