<?php

declare(strict_types=1);

namespace Dispatch\Client;

use Dispatch\Client\Exception\ApiException;
use Dispatch\Client\Exception\ClientException;
use Dispatch\Client\Exception\TransportException;
use Dispatch\Client\Exception\UnknownConnectionException;
use Dispatch\Client\Transport\HttpResponse;
use Dispatch\Client\Transport\StreamTransport;
use Dispatch\Client\Transport\TransportInterface;

/**
 * Client for Dispatch's server HTTP API (`Dispatch:Api:Url`), for PHP apps
 * that push to websockets from outside a websocket event — a PHP-FPM request,
 * a queue consumer, a cron job — and for worker handlers that need presence.
 *
 *     $dispatch = DispatchClient::fromEnvironment();
 *     $dispatch->sendToUser('42', json_encode(['type' => 'order_shipped', 'order' => 1001]));
 *
 * Every method is one HTTP request. Binary data is passed as raw bytes (the
 * client base64-encodes it). Failures throw a ClientException subclass:
 * ApiException (with status, error code and problems) when Dispatch said no,
 * TransportException when it could not be reached. The token never appears
 * in a message, a trace or var_dump().
 */
final class DispatchClient
{
    public const DEFAULT_URL = 'http://127.0.0.1:8081';
    public const DEFAULT_TIMEOUT = 5.0;

    private const USER_AGENT = 'dispatch-php-client/1';

    private readonly string $baseUrl;
    private readonly TransportInterface $transport;

    /**
     * @param string      $baseUrl Dispatch's API listener, e.g. `http://127.0.0.1:8081` (a path prefix is kept)
     * @param string|null $token   the bearer token (`Dispatch:Api:Token`); null or '' sends none
     * @param float       $timeout seconds: bounds connecting and the headers, and is a deadline for the whole body
     */
    public function __construct(
        string $baseUrl = self::DEFAULT_URL,
        #[\SensitiveParameter] private readonly ?string $token = null,
        private readonly float $timeout = self::DEFAULT_TIMEOUT,
        ?TransportInterface $transport = null,
    ) {
        $scheme = parse_url($baseUrl, PHP_URL_SCHEME);
        if (!in_array($scheme, ['http', 'https'], true) || parse_url($baseUrl, PHP_URL_HOST) === null) {
            throw new \InvalidArgumentException(sprintf('Dispatch API URL must be http:// or https:// with a host, got "%s"', $baseUrl));
        }
        if (!($timeout > 0)) {
            throw new \InvalidArgumentException(sprintf('timeout must be above 0 seconds, got %s', $timeout));
        }
        $this->baseUrl = rtrim($baseUrl, '/');
        $this->transport = $transport ?? new StreamTransport();
    }

    /**
     * Reads `DISPATCH_API_URL` (default http://127.0.0.1:8081) and
     * `DISPATCH_API_TOKEN` from the environment (getenv(), then $_SERVER and
     * $_ENV, so PHP-FPM `env[...]` and `fastcgi_param` both work). Dispatch
     * sets both for its own PHP workers.
     */
    public static function fromEnvironment(float $timeout = self::DEFAULT_TIMEOUT, ?TransportInterface $transport = null): self
    {
        $url = self::env('DISPATCH_API_URL');
        $token = self::env('DISPATCH_API_TOKEN');

        return new self($url === null || $url === '' ? self::DEFAULT_URL : $url, $token, $timeout, $transport);
    }

    /**
     * Sends a message to every member of a room.
     *
     * @param string      $data     text, or raw bytes with opcode 'binary'
     * @param string      $opcode   'text' or 'binary'
     * @param string|null $exceptId a connection id left out (typically the sender)
     *
     * @return int members the message was queued to on this Dispatch
     */
    public function publish(string $room, string $data, string $opcode = 'text', ?string $exceptId = null): int
    {
        $body = $this->payload($data, $opcode);
        if ($exceptId !== null) {
            $body['except_id'] = $exceptId;
        }

        return $this->count('POST', '/v1/rooms/' . self::segment('room', $room) . '/publish', $body, 'delivered');
    }

    /**
     * @return int 1
     *
     * @throws UnknownConnectionException no such connection
     */
    public function sendToConnection(string $connectionId, string $data, string $opcode = 'text'): int
    {
        return $this->count('POST', '/v1/connections/' . self::segment('connection id', $connectionId) . '/send', $this->payload($data, $opcode), 'delivered');
    }

    /**
     * @return int the user's connections the message was queued to (0 when none is connected)
     */
    public function sendToUser(string $userId, string $data, string $opcode = 'text'): int
    {
        return $this->count('POST', '/v1/users/' . self::segment('user id', $userId) . '/send', $this->payload($data, $opcode), 'delivered');
    }

    /**
     * Closes one connection with a close frame (code 1000 or 3000-4999).
     *
     * @return int 1
     *
     * @throws UnknownConnectionException no such connection
     */
    public function closeConnection(string $connectionId, int $code = 1000, string $reason = ''): int
    {
        return $this->count('POST', '/v1/connections/' . self::segment('connection id', $connectionId) . '/close', ['code' => $code, 'reason' => $reason], 'closed');
    }

    /**
     * Closes every connection bound to a user.
     *
     * @return int connections closed
     */
    public function closeUser(string $userId, int $code = 1000, string $reason = ''): int
    {
        return $this->count('POST', '/v1/users/' . self::segment('user id', $userId) . '/close', ['code' => $code, 'reason' => $reason], 'closed');
    }

    /**
     * Removes every member from a room (the connections stay open).
     *
     * @return int members removed
     */
    public function kickRoom(string $room): int
    {
        return $this->count('POST', '/v1/rooms/' . self::segment('room', $room) . '/kick', null, 'removed');
    }

    /**
     * One connection's metadata, or null when Dispatch does not know the id.
     *
     * @return array{id: string, user_id: ?string, rooms: list<string>, attrs: array<string, string>, connected_at: int, remote_addr: string, path: string}|null
     */
    public function connection(string $connectionId): ?array
    {
        try {
            return $this->call('GET', '/v1/connections/' . self::segment('connection id', $connectionId));
        } catch (UnknownConnectionException) {
            return null;
        }
    }

    /**
     * Presence: who is in a room (an unknown room is an empty one).
     *
     * @return array{room: string, count: int, members: list<array{id: string, user_id: ?string, attrs: array<string, string>}>}
     */
    public function roomMembers(string $room): array
    {
        return $this->call('GET', '/v1/rooms/' . self::segment('room', $room) . '/members');
    }

    /**
     * @return array{connections: int, rooms: int, users: int}
     */
    public function counts(): array
    {
        return $this->call('GET', '/v1/counts');
    }

    /**
     * Admin: the PHP worker pool.
     *
     * @return list<array{index: int, pid: ?int, state: string, events_served: int, restarts: int, rss_kb: ?int}>
     */
    public function workers(): array
    {
        $answer = $this->call('GET', '/v1/admin/workers');

        return self::field($answer, 'workers', 'array', 'GET /v1/admin/workers');
    }

    /**
     * Admin: asks for a graceful restart of one worker (it happens after the answer).
     *
     * @return int the index being restarted
     */
    public function restartWorker(int $index): int
    {
        return $this->count('POST', '/v1/admin/workers/' . $index . '/restart', null, 'restarting');
    }

    /**
     * Admin: connections, paged, optionally only a room's or a user's.
     *
     * @return array{total: int, offset: int, limit: int, items: list<array<string, mixed>>}
     */
    public function connections(?string $room = null, ?string $user = null, int $offset = 0, int $limit = 100): array
    {
        $query = ['room' => $room, 'user' => $user, 'offset' => $offset, 'limit' => $limit];

        return $this->call('GET', '/v1/admin/connections?' . http_build_query(array_filter($query, static fn ($v) => $v !== null), '', '&', PHP_QUERY_RFC3986));
    }

    /**
     * Admin: rooms with their member counts, paged.
     *
     * @return array{total: int, offset: int, limit: int, items: list<array{room: string, members: int}>}
     */
    public function rooms(int $offset = 0, int $limit = 100): array
    {
        return $this->call('GET', '/v1/admin/rooms?' . http_build_query(['offset' => $offset, 'limit' => $limit], '', '&', PHP_QUERY_RFC3986));
    }

    /**
     * `/readyz`: true when Dispatch has live workers and is not draining.
     *
     * @throws TransportException when nothing answers
     */
    public function isReady(): bool
    {
        return $this->send('GET', '/readyz', null)->status === 200;
    }

    /**
     * @return array<string, mixed>
     */
    public function __debugInfo(): array
    {
        return ['baseUrl' => $this->baseUrl, 'token' => $this->token === null || $this->token === '' ? null : '(hidden)', 'timeout' => $this->timeout];
    }

    /**
     * @return array{data: string, opcode?: string}
     */
    private function payload(string $data, string $opcode): array
    {
        if ($opcode === 'binary') {
            return ['data' => base64_encode($data), 'opcode' => 'binary'];
        }
        // Any other opcode goes to Dispatch as given; its validator names the problem.
        return $opcode === 'text' ? ['data' => $data] : ['data' => $data, 'opcode' => $opcode];
    }

    /**
     * @param array<string, mixed>|null $body
     */
    private function count(string $method, string $path, ?array $body, string $field): int
    {
        return self::field($this->call($method, $path, $body), $field, 'int', $method . ' ' . self::routeOf($path));
    }

    /**
     * @param array<string, mixed>|null $body
     *
     * @return array<string, mixed>
     */
    private function call(string $method, string $path, ?array $body = null): array
    {
        if ($body !== null) {
            try {
                $json = json_encode($body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
            } catch (\JsonException $e) {
                // Substituting U+FFFD would change the message silently.
                throw new \InvalidArgumentException('text data must be valid UTF-8; send raw bytes with opcode "binary"', 0, $e);
            }
        }
        $response = $this->send($method, $path, $json ?? null);
        $route = $method . ' ' . self::routeOf($path);
        if ($response->status < 200 || $response->status > 299) {
            throw ExceptionFactory::fromResponse($response, $route);
        }
        try {
            $decoded = json_decode($response->body, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        } catch (\JsonException) {
            $decoded = null;
        }
        if (!is_array($decoded)) {
            throw new ApiException(sprintf('%s: HTTP %d with a body that is not a JSON object', $route, $response->status), $response->status, null);
        }

        return $decoded;
    }

    private function send(string $method, string $path, ?string $json): HttpResponse
    {
        $headers = ['Accept' => 'application/json', 'User-Agent' => self::USER_AGENT];
        if ($this->token !== null && $this->token !== '') {
            $headers['Authorization'] = 'Bearer ' . $this->token;
        }
        if ($json !== null) {
            $headers['Content-Type'] = 'application/json';
        }

        return $this->transport->request($method, $this->baseUrl . $path, $headers, $json, $this->timeout);
    }

    /**
     * @param array<string, mixed> $answer
     */
    private static function field(array $answer, string $name, string $type, string $route): mixed
    {
        $value = $answer[$name] ?? null;
        if (($type === 'int' && !is_int($value)) || ($type === 'array' && !is_array($value))) {
            throw new ApiException(sprintf('%s: the answer has no %s field "%s"', $route, $type, $name), 200, null);
        }

        return $value;
    }

    private static function segment(string $what, string $value): string
    {
        if ($value === '') {
            throw new \InvalidArgumentException(sprintf('the %s must not be empty', $what));
        }

        return rawurlencode($value);
    }

    /** The path without its query, for messages (filters are not secret, but they are noise). */
    private static function routeOf(string $path): string
    {
        $query = strpos($path, '?');

        return rawurldecode($query === false ? $path : substr($path, 0, $query));
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);
        if (is_string($value)) {
            return $value;
        }
        $value = $_SERVER[$name] ?? $_ENV[$name] ?? null;

        return is_string($value) ? $value : null;
    }
}
