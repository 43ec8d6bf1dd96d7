<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Fixtures;

use Dispatch\Worker\WebSocket\ConnectionInterface;

/** A handler object in the onWebSocket* style that also handles presence. */
final class PresenceMethodsObject
{
    public function onWebSocketMessage(ConnectionInterface $conn, string $data, array $frame): string
    {
        return 'methods:' . $data;
    }

    public function onWebSocketPresence(ConnectionInterface $conn, string $room, string $action, array $frame): void
    {
        $conn->broadcast($room, $action . ':' . $conn->userId() . ':' . $frame['cause']);
    }
}
