<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Fixtures;

use Dispatch\Worker\WebSocket\ConnectionInterface;

/** A handler object in vhttpd's onWebSocketOpen/Message/Close style. */
final class EventMethodsObject
{
    public function onWebSocketOpen(ConnectionInterface $conn, array $frame): bool
    {
        return ($frame['query']['token'] ?? '') === 'ok';
    }

    public function onWebSocketMessage(ConnectionInterface $conn, string $data, array $frame): string
    {
        return 'methods:' . $data;
    }
}
