<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Client;

use Dispatch\Client\DispatchClient;
use Dispatch\Client\Exception\ApiException;
use Dispatch\Client\Exception\ClientException;
use Dispatch\Client\Exception\InvalidRequestException;
use Dispatch\Client\Exception\NotFoundException;
use Dispatch\Client\Exception\PayloadTooLargeException;
use Dispatch\Client\Exception\UnauthorizedException;
use Dispatch\Client\Exception\UnknownConnectionException;
use PHPUnit\Framework\TestCase;

/**
 * Request shapes and answer handling, over a recording transport. The same
 * calls against a live Dispatch are in Integration\Client.
 */
final class DispatchClientTest extends TestCase
{
    private const TOKEN = 's3cr3t-token-value';

    private RecordingTransport $transport;
    private DispatchClient $client;

    protected function setUp(): void
    {
        $this->transport = new RecordingTransport();
        $this->client = new DispatchClient('http://dispatch.test:8081/', self::TOKEN, 2.5, $this->transport);
    }

    public function testPublishPostsTheSpecBodyWithTheBearerTokenAndReturnsDelivered(): void
    {
        $this->transport->answerJson(200, ['delivered' => 3]);

        self::assertSame(3, $this->client->publish('lobby', 'héllo "x"', exceptId: 'c-1'));

        $request = $this->transport->last();
        self::assertSame('POST', $request['method']);
        self::assertSame('http://dispatch.test:8081/v1/rooms/lobby/publish', $request['url']);
        self::assertSame('Bearer ' . self::TOKEN, $request['headers']['Authorization']);
        self::assertSame('application/json', $request['headers']['Content-Type']);
        self::assertSame(2.5, $request['timeout']);
        self::assertSame(['data' => 'héllo "x"', 'except_id' => 'c-1'], $this->transport->lastJson());
    }

    public function testBinaryDataIsBase64EncodedByTheClient(): void
    {
        $this->transport->answerJson(200, ['delivered' => 1])->answerJson(200, ['delivered' => 2])->answerJson(200, ['delivered' => 0]);

        $this->client->sendToConnection('c-9', "\x00\xFF\xFE", 'binary');
        self::assertSame(['data' => 'AP/+', 'opcode' => 'binary'], $this->transport->lastJson());
        $this->client->publish('r', "\x80", 'binary');
        self::assertSame(['data' => 'gA==', 'opcode' => 'binary'], $this->transport->lastJson());
        $this->client->sendToUser('u', "\xC3", 'binary');
        self::assertSame(['data' => 'ww==', 'opcode' => 'binary'], $this->transport->lastJson());
    }

    public function testAnUnknownOpcodeIsLeftForDispatchToRefuse(): void
    {
        $this->transport->answerJson(400, ['error' => 'invalid_request', 'message' => 'invalid request', 'problems' => ['opcode "ping" is not text or binary']]);

        try {
            $this->client->publish('r', 'x', 'ping');
            self::fail('expected InvalidRequestException');
        } catch (InvalidRequestException $e) {
            self::assertSame(['data' => 'x', 'opcode' => 'ping'], $this->transport->lastJson());
            self::assertSame(400, $e->status());
            self::assertSame('invalid_request', $e->errorCode());
            self::assertSame(['opcode "ping" is not text or binary'], $e->problems());
            self::assertStringContainsString('POST /v1/rooms/r/publish failed: HTTP 400 invalid_request', $e->getMessage());
            self::assertStringContainsString('opcode "ping" is not text or binary', $e->getMessage());
        }
    }

    public function testTextThatIsNotUtf8IsRefusedBeforeAnythingIsSent(): void
    {
        try {
            $this->client->sendToUser('42', "caf\xE9");
            self::fail('expected InvalidArgumentException');
        } catch (\InvalidArgumentException $e) {
            self::assertStringContainsString('opcode "binary"', $e->getMessage());
        }
        self::assertSame([], $this->transport->requests);
    }

    public function testPathSegmentsAreEncodedAndEmptyOnesRefused(): void
    {
        $this->transport->answerJson(200, ['room' => 'a/b c?', 'count' => 0, 'members' => []])->answerJson(200, ['delivered' => 0]);

        $this->client->roomMembers('a/b c?');
        self::assertSame('http://dispatch.test:8081/v1/rooms/a%2Fb%20c%3F/members', $this->transport->last()['url']);
        $this->client->sendToUser('ü@x', 'hi');
        self::assertSame('http://dispatch.test:8081/v1/users/%C3%BC%40x/send', $this->transport->last()['url']);

        $this->expectException(\InvalidArgumentException::class);
        $this->client->kickRoom('');
    }

    public function testEveryRouteUsesTheSpecMethodPathAndAnswerField(): void
    {
        $connection = ['id' => 'c1', 'user_id' => '42', 'rooms' => ['lobby'], 'attrs' => ['nick' => 'ann'], 'connected_at' => 1770000000123, 'remote_addr' => '127.0.0.1', 'path' => '/ws'];
        $page = ['total' => 1, 'offset' => 5, 'limit' => 10, 'items' => [$connection]];
        $calls = [
            ['POST', '/v1/connections/c1/send', ['delivered' => 1], fn () => $this->client->sendToConnection('c1', 'x'), 1, ['data' => 'x']],
            ['POST', '/v1/users/42/send', ['delivered' => 2], fn () => $this->client->sendToUser('42', 'x'), 2, ['data' => 'x']],
            ['POST', '/v1/connections/c1/close', ['closed' => 1], fn () => $this->client->closeConnection('c1', 4000, 'bye'), 1, ['code' => 4000, 'reason' => 'bye']],
            ['POST', '/v1/users/42/close', ['closed' => 2], fn () => $this->client->closeUser('42'), 2, ['code' => 1000, 'reason' => '']],
            ['POST', '/v1/rooms/lobby/kick', ['removed' => 4], fn () => $this->client->kickRoom('lobby'), 4, null],
            ['GET', '/v1/connections/c1', $connection, fn () => $this->client->connection('c1'), $connection, null],
            ['GET', '/v1/rooms/lobby/members', ['room' => 'lobby', 'count' => 0, 'members' => []], fn () => $this->client->roomMembers('lobby'), ['room' => 'lobby', 'count' => 0, 'members' => []], null],
            ['GET', '/v1/counts', ['connections' => 1, 'rooms' => 2, 'users' => 3], fn () => $this->client->counts(), ['connections' => 1, 'rooms' => 2, 'users' => 3], null],
            ['GET', '/v1/admin/workers', ['workers' => [['index' => 0, 'pid' => 7, 'state' => 'idle', 'events_served' => 1, 'restarts' => 0, 'rss_kb' => 9]]], fn () => $this->client->workers(), [['index' => 0, 'pid' => 7, 'state' => 'idle', 'events_served' => 1, 'restarts' => 0, 'rss_kb' => 9]], null],
            ['POST', '/v1/admin/workers/1/restart', ['restarting' => 1], fn () => $this->client->restartWorker(1), 1, null],
            ['GET', '/v1/admin/connections?room=lob%20by&offset=5&limit=10', $page, fn () => $this->client->connections(room: 'lob by', offset: 5, limit: 10), $page, null],
            ['GET', '/v1/admin/connections?user=42&offset=0&limit=100', $page, fn () => $this->client->connections(user: '42'), $page, null],
            ['GET', '/v1/admin/rooms?offset=0&limit=1000', ['total' => 0, 'offset' => 0, 'limit' => 1000, 'items' => []], fn () => $this->client->rooms(limit: 1000), ['total' => 0, 'offset' => 0, 'limit' => 1000, 'items' => []], null],
        ];
        foreach ($calls as [$method, $path, $answer, $call, $expected, $body]) {
            $this->transport->answerJson($path === '/v1/admin/workers/1/restart' ? 202 : 200, $answer);
            self::assertSame($expected, $call(), $path);
            self::assertSame($method, $this->transport->last()['method'], $path);
            self::assertSame('http://dispatch.test:8081' . $path, $this->transport->last()['url']);
            self::assertSame($body, $this->transport->lastJson(), $path);
        }
    }

    public function testNoTokenSendsNoAuthorizationHeader(): void
    {
        $transport = (new RecordingTransport())->answerJson(200, ['connections' => 0, 'rooms' => 0, 'users' => 0]);
        (new DispatchClient('http://127.0.0.1:8081', '', 1.0, $transport))->counts();

        self::assertArrayNotHasKey('Authorization', $transport->last()['headers']);
    }

    public function testUnauthorizedIsTypedAndNeverShowsTheToken(): void
    {
        $this->transport->answerJson(401, ['error' => 'unauthorized', 'message' => 'the bearer token is wrong']);

        try {
            $this->client->counts();
            self::fail('expected UnauthorizedException');
        } catch (UnauthorizedException $e) {
            self::assertSame(401, $e->status());
            self::assertSame(401, $e->getCode());
            self::assertSame('unauthorized', $e->errorCode());
            self::assertSame('GET /v1/counts failed: HTTP 401 unauthorized: the bearer token is wrong', $e->getMessage());
            self::assertStringNotContainsString(self::TOKEN, (string) $e);
        }
        self::assertStringNotContainsString(self::TOKEN, print_r($this->client, true));
        ob_start();
        var_dump($this->client);
        self::assertStringNotContainsString(self::TOKEN, (string) ob_get_clean());
    }

    public function testUnknownConnectionIsNullOnReadAndAnExceptionOnSendAndClose(): void
    {
        $unknown = ['error' => 'unknown_connection', 'message' => 'no connection "gone"'];
        $this->transport->answerJson(404, $unknown)->answerJson(404, $unknown)->answerJson(404, $unknown);

        self::assertNull($this->client->connection('gone'));
        foreach ([fn () => $this->client->sendToConnection('gone', 'x'), fn () => $this->client->closeConnection('gone')] as $call) {
            try {
                $call();
                self::fail('expected UnknownConnectionException');
            } catch (UnknownConnectionException $e) {
                self::assertSame('unknown_connection', $e->errorCode());
                self::assertInstanceOf(NotFoundException::class, $e);
            }
        }
    }

    public function testA404ThatIsNotTheApisIsNotMistakenForAnUnknownConnection(): void
    {
        // A wrong base URL must fail loudly, not read as "that connection is gone".
        $this->transport->answer(404, '', []);

        try {
            $this->client->connection('c1');
            self::fail('expected NotFoundException');
        } catch (UnknownConnectionException) {
            self::fail('a bare 404 is not unknown_connection');
        } catch (NotFoundException $e) {
            self::assertNull($e->errorCode());
            self::assertSame('GET /v1/connections/c1 failed: HTTP 404: empty body', $e->getMessage());
        }
    }

    public function testOtherErrorStatusesMapToTheirTypes(): void
    {
        $this->transport
            ->answerJson(413, ['error' => 'payload_too_large', 'message' => 'body above 1114112 bytes'])
            ->answerJson(400, ['error' => 'invalid_json', 'message' => 'not an object'])
            ->answer(502, "<html>\n<h1>Bad Gateway</h1></html>", ['content-type' => 'text/html'])
            ->answer(200, 'ok');

        $caught = [];
        foreach ([
            fn () => $this->client->publish('r', str_repeat('x', 10)),
            fn () => $this->client->publish('r', 'x'),
            fn () => $this->client->counts(),
            fn () => $this->client->counts(),
        ] as $call) {
            try {
                $call();
                self::fail('expected an exception');
            } catch (ClientException $e) {
                $caught[] = $e;
            }
        }

        self::assertInstanceOf(PayloadTooLargeException::class, $caught[0]);
        self::assertSame('payload_too_large', $caught[0]->errorCode());
        self::assertInstanceOf(InvalidRequestException::class, $caught[1]);
        self::assertSame('invalid_json', $caught[1]->errorCode());
        self::assertSame([], $caught[1]->problems());
        self::assertSame(ApiException::class, get_class($caught[2]));
        self::assertSame(502, $caught[2]->status());
        self::assertSame('GET /v1/counts failed: HTTP 502: body: <html> <h1>Bad Gateway</h1></html>', $caught[2]->getMessage());
        self::assertSame(ApiException::class, get_class($caught[3]));
        self::assertStringContainsString('not a JSON object', $caught[3]->getMessage());
    }

    public function testAnAnswerWithoutTheExpectedFieldIsAnError(): void
    {
        $this->transport->answerJson(200, ['delivered' => '3']);

        $this->expectException(ApiException::class);
        $this->expectExceptionMessage('POST /v1/rooms/r/publish: the answer has no int field "delivered"');
        $this->client->publish('r', 'x');
    }

    public function testFromEnvironmentReadsUrlAndToken(): void
    {
        putenv('DISPATCH_API_URL=http://10.1.2.3:9000/base');
        putenv('DISPATCH_API_TOKEN=env-token');
        try {
            $transport = (new RecordingTransport())->answerJson(200, ['connections' => 0, 'rooms' => 0, 'users' => 0]);
            DispatchClient::fromEnvironment(3.0, $transport)->counts();
            self::assertSame('http://10.1.2.3:9000/base/v1/counts', $transport->last()['url']);
            self::assertSame('Bearer env-token', $transport->last()['headers']['Authorization']);

            putenv('DISPATCH_API_URL');
            putenv('DISPATCH_API_TOKEN');
            $transport->answerJson(200, ['connections' => 0, 'rooms' => 0, 'users' => 0]);
            DispatchClient::fromEnvironment(3.0, $transport)->counts();
            self::assertSame('http://127.0.0.1:8081/v1/counts', $transport->last()['url']);
            self::assertArrayNotHasKey('Authorization', $transport->last()['headers']);
        } finally {
            putenv('DISPATCH_API_URL');
            putenv('DISPATCH_API_TOKEN');
        }
    }

    /**
     * @dataProvider badConstructorArguments
     */
    public function testBadConstructorArgumentsAreRefused(string $url, float $timeout, string $message): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage($message);
        new DispatchClient($url, self::TOKEN, $timeout, $this->transport);
    }

    /**
     * @return iterable<string, array{string, float, string}>
     */
    public static function badConstructorArguments(): iterable
    {
        yield 'no scheme' => ['127.0.0.1:8081', 1.0, 'must be http:// or https://'];
        yield 'unix scheme' => ['unix:///run/dispatch.sock', 1.0, 'must be http:// or https://'];
        yield 'zero timeout' => ['http://127.0.0.1:8081', 0.0, 'timeout must be above 0'];
    }
}
