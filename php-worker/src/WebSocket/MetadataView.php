<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * The handler's view of a connection's metadata: the event's snapshot
 * (CONTRACT 4.1) with the handler's own changes applied as it makes them,
 * so that `join('a')` followed by `rooms()` includes 'a'. Dispatch remains
 * the owner; this is only a local mirror.
 */
final class MetadataView
{
    private ?string $userId = null;
    /** @var list<string> */
    private array $rooms = [];
    /** @var array<string, string> */
    private array $attrs = [];
    private ?int $connectedAt = null;
    private ?string $remoteAddr = null;
    private ?string $path = null;

    /**
     * Takes what the event carries. Lenient: wrong types are ignored rather
     * than failing the event; values absent from the event are kept (hosted
     * mode's close event carries no metadata).
     *
     * @param array<mixed> $event
     */
    public function absorb(array $event): void
    {
        $this->path ??= self::stringOrNull($event['path'] ?? null);
        $this->remoteAddr ??= self::stringOrNull($event['remote_addr'] ?? null);
        if (!is_array($event['metadata'] ?? null)) {
            return;
        }
        $metadata = $event['metadata'];
        $this->userId = self::stringOrNull($metadata['user_id'] ?? null);
        $this->rooms = [];
        foreach (is_array($metadata['rooms'] ?? null) ? $metadata['rooms'] : [] as $room) {
            if (is_string($room)) {
                $this->addRoom($room);
            }
        }
        $this->attrs = [];
        foreach (is_array($metadata['attrs'] ?? null) ? $metadata['attrs'] : [] as $key => $value) {
            if (is_scalar($value)) {
                $this->attrs[(string) $key] = (string) $value;
            }
        }
        $this->connectedAt = is_int($metadata['connected_at'] ?? null) ? $metadata['connected_at'] : $this->connectedAt;
        $this->remoteAddr = self::stringOrNull($metadata['remote_addr'] ?? null) ?? $this->remoteAddr;
        $this->path = self::stringOrNull($metadata['path'] ?? null) ?? $this->path;
    }

    public function userId(): ?string
    {
        return $this->userId;
    }

    public function bindUser(string $userId): void
    {
        $this->userId = $userId;
    }

    /** @return list<string> */
    public function rooms(): array
    {
        return $this->rooms;
    }

    public function addRoom(string $room): void
    {
        if ($room !== '' && !in_array($room, $this->rooms, true)) {
            $this->rooms[] = $room;
        }
    }

    public function removeRoom(string $room): void
    {
        $this->rooms = array_values(array_filter($this->rooms, static fn (string $r): bool => $r !== $room));
    }

    /** @param list<string> $rooms */
    public function replaceRooms(array $rooms): void
    {
        $this->rooms = $rooms;
    }

    public function attr(string $key): ?string
    {
        return $this->attrs[$key] ?? null;
    }

    public function setAttr(string $key, string $value): void
    {
        $this->attrs[$key] = $value;
    }

    public function clearAttr(?string $key): void
    {
        if ($key === null) {
            $this->attrs = [];
        } else {
            unset($this->attrs[$key]);
        }
    }

    /**
     * @return array{user_id: ?string, rooms: list<string>, attrs: array<string, string>,
     *               connected_at: ?int, remote_addr: ?string, path: ?string}
     */
    public function toArray(): array
    {
        return [
            'user_id' => $this->userId,
            'rooms' => $this->rooms,
            'attrs' => $this->attrs,
            'connected_at' => $this->connectedAt,
            'remote_addr' => $this->remoteAddr,
            'path' => $this->path,
        ];
    }

    private static function stringOrNull(mixed $value): ?string
    {
        return is_string($value) && $value !== '' ? $value : null;
    }
}
