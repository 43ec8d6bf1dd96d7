<?php

declare(strict_types=1);

/*
 * Echo: every message comes back to its sender unchanged, text as text and
 * binary as binary (the library handles the base64 of the wire). Opening
 * sends nothing; the connection is accepted by default.
 *
 *   php bin/dispatch-worker --socket /tmp/dispatch/w0.sock --app examples/echo.php
 */

use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

return new App(
    onMessage: static function (Connection $conn, string $data, array $frame): void {
        $conn->send($data, $frame['opcode'] ?? 'text');
    },
);
