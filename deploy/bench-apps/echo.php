<?php

declare(strict_types=1);

/*
 * Bench echo (Dispatch.Bench `echo`, `connect`, `idle`; deploy/k6/echo.js, connect.js, idle.js): every message goes
 * back to its sender unchanged. Open and close do nothing, but each is still dispatched to a PHP worker.
 */

use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

return new App(
    onMessage: static function (Connection $conn, string $data, array $frame): void {
        $conn->send($data, $frame['opcode'] ?? 'text');
    },
);
