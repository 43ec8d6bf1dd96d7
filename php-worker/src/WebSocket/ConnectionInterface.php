<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * The `$conn` a handler receives, identical in both modes (CONTRACT 6): in
 * dispatch mode it collects hub commands for the one response, in hosted
 * mode it writes them as frames. Aliased as
 * `VPhp\VHttpd\PhpWorker\WebSocket\Connection`, so a handler type-hinting
 * that name runs in both modes.
 *
 * Reads (userId, rooms, get, metadata) return the event's metadata snapshot
 * with this handler call's own earlier changes applied. Every method is a
 * no-op once this connection has been closed.
 */
interface ConnectionInterface
{
    public function id(): string;

    /** Accept the handshake (open only; a no-op elsewhere). Open accepts by default. */
    public function accept(): void;

    /** @param 'text'|'binary' $opcode binary takes raw bytes */
    public function send(string $data, string $opcode = 'text'): void;

    /**
     * Closes this connection. During `open` and before accept() this rejects
     * the handshake with HTTP $status (403 when 0).
     */
    public function close(int $code = 1000, string $reason = '', int $status = 0): void;

    /** Closes another connection by id (CONTRACT 4.3 `close` with `target_id`). */
    public function closeConnection(string $targetId, int $code = 1000, string $reason = ''): void;

    public function join(string $room): void;

    public function leave(string $room): void;

    /** @param list<string> $rooms */
    public function replaceRooms(array $rooms): void;

    /** Removes every member (this connection included) from the room. */
    public function kickRoom(string $room): void;

    public function broadcast(string $room, string $data, string $opcode = 'text', ?string $exceptId = null): void;

    public function sendTo(string $targetId, string $data, string $opcode = 'text'): void;

    public function sendToUser(string $userId, string $data, string $opcode = 'text'): void;

    /** Sets a metadata attribute; the value is stored as a string. Null clears it. */
    public function set(string $key, string|int|float|bool|\Stringable|null $value): void;

    public function get(string $key): ?string;

    /** Clears one attribute, or all attributes when $key is null. */
    public function clear(?string $key = null): void;

    public function bindUser(string $userId): void;

    public function userId(): ?string;

    /** @return list<string> */
    public function rooms(): array;

    /**
     * @return array{user_id: ?string, rooms: list<string>, attrs: array<string, string>,
     *               connected_at: ?int, remote_addr: ?string, path: ?string}
     */
    public function metadata(): array;

    /** Closes this connection after $afterMs unless a later event cancels it (0 cancels). */
    public function scheduleClose(int $afterMs, int $code = 1000, string $reason = ''): void;

    public function accepted(): bool;

    public function closed(): bool;

    /** vhttpd name of set(). */
    public function setMeta(string $key, string $value): void;

    /** vhttpd name of clear($key). */
    public function clearMeta(string $key): void;

    /** vhttpd helper: set('presence', $value). */
    public function setPresence(string $value): void;
}
