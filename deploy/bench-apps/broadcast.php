<?php

declare(strict_types=1);

/*
 * Bench broadcast (Dispatch.Bench `broadcast`; deploy/k6/broadcast.js): a connection opened with ?role=sub joins room
 * "bench". Any message is broadcast to the room except its sender, then the sender gets {"type":"ack"}.
 */

use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

return new App(
    onOpen: static function (Connection $conn, array $frame): void {
        if (($frame['query']['role'] ?? '') === 'sub') {
            $conn->join('bench');
        }
    },
    onMessage: static function (Connection $conn, string $data, array $frame): void {
        $conn->broadcast('bench', $data, exceptId: $conn->id());
        $conn->send('{"type":"ack"}');
    },
);
