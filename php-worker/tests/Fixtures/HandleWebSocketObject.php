<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Fixtures;

use Dispatch\Worker\WebSocket\ConnectionInterface;

/** A handler object in vhttpd's `handleWebSocket` style. */
final class HandleWebSocketObject
{
    /** @var list<string> */
    public array $seen = [];

    public function handleWebSocket(array $frame, ConnectionInterface $conn): void
    {
        $this->seen[] = $frame['event'];
        if ($frame['event'] === 'message') {
            $conn->send('object:' . $frame['data']);
        }
    }
}
