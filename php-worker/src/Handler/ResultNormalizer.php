<?php

declare(strict_types=1);

namespace Dispatch\Worker\Handler;

use Dispatch\Worker\WebSocket\ConnectionInterface;

/**
 * What a handler's return value means (vhttpd's normalizeWebSocketHandlerResult):
 * `false` on open rejects (1008 "Rejected", HTTP 403); a non-empty string is
 * sent as text; an open that was neither accepted nor closed is accepted.
 */
final class ResultNormalizer
{
    public static function apply(mixed $result, array $frame, ConnectionInterface $conn): void
    {
        $isOpen = ($frame['event'] ?? null) === 'open';
        if ($isOpen && $result === false) {
            $conn->close(1008, 'Rejected', 403);

            return;
        }
        if (is_string($result) && $result !== '') {
            if ($isOpen) {
                $conn->accept();
            }
            $conn->send($result);
        }
        if ($isOpen && !$conn->closed()) {
            $conn->accept();
        }
    }
}
