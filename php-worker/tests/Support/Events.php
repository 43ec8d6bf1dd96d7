<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Support;

/**
 * Builders for the events Dispatch sends (CONTRACT 4.1 / 5).
 */
final class Events
{
    /**
     * @param array<string, mixed> $extra
     * @return array<string, mixed>
     */
    public static function open(string $id = 'c1', array $extra = [], string $mode = 'websocket_dispatch'): array
    {
        return $extra + [
            'mode' => $mode,
            'event' => 'open',
            'id' => $id,
            'path' => '/ws/chat',
            'query' => [],
            'headers' => ['host' => 'localhost'],
            'remote_addr' => '127.0.0.1',
            'metadata' => self::metadata(),
        ];
    }

    /**
     * @param array<string, mixed> $extra
     * @return array<string, mixed>
     */
    public static function message(string $data, string $id = 'c1', array $extra = [], string $mode = 'websocket_dispatch'): array
    {
        return $extra + [
            'mode' => $mode,
            'event' => 'message',
            'id' => $id,
            'opcode' => 'text',
            'data' => $data,
            'metadata' => self::metadata(),
        ];
    }

    /**
     * @param array<string, mixed> $extra
     * @return array<string, mixed>
     */
    public static function close(string $id = 'c1', int $code = 1000, string $reason = 'client closed', array $extra = [], string $mode = 'websocket_dispatch'): array
    {
        return $extra + [
            'mode' => $mode,
            'event' => 'close',
            'id' => $id,
            'code' => $code,
            'reason' => $reason,
            'metadata' => self::metadata(),
        ];
    }

    /**
     * A presence event (issue 6): the subject `$id` joined or left `$room`.
     *
     * @param array<string, mixed> $extra
     * @return array<string, mixed>
     */
    public static function presence(string $room, string $action, string $cause, string $id = 'c1', array $extra = []): array
    {
        return $extra + [
            'mode' => 'websocket_dispatch',
            'event' => 'presence',
            'id' => $id,
            'path' => '/ws/chat',
            'remote_addr' => '127.0.0.1',
            'room' => $room,
            'action' => $action,
            'cause' => $cause,
            'metadata' => self::metadata(['user_id' => 'u-' . $id, 'rooms' => $action === 'join' ? [$room] : []]),
        ];
    }

    /**
     * @param array<string, mixed> $overrides
     * @return array<string, mixed>
     */
    public static function metadata(array $overrides = []): array
    {
        return $overrides + [
            'user_id' => null,
            'rooms' => [],
            'attrs' => (object) [],
            'connected_at' => 1770000000123,
            'remote_addr' => '127.0.0.1',
            'path' => '/ws/chat',
        ];
    }

    /**
     * @param array<string, mixed> $event
     */
    public static function json(array $event): string
    {
        return json_encode($event, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
    }

    /**
     * An event as the worker hands it to CommandBuffer (decoded JSON).
     *
     * @param array<string, mixed> $event
     * @return array<string, mixed>
     */
    public static function decoded(array $event): array
    {
        return json_decode(self::json($event), true, 512, JSON_THROW_ON_ERROR);
    }
}
