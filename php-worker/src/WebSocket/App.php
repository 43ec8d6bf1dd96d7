<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * The callback-style handler of CONTRACT 6, also known as
 * `VPhp\VSlim\WebSocket\App`:
 *
 *     return new App(
 *         onOpen:    function ($conn, array $frame) { ... },          // false = reject (403)
 *         onMessage: function ($conn, string $data, array $frame) { ... },
 *         onClose:   function ($conn, int $code, string $reason, array $frame) { ... },
 *         onPresence: function ($conn, string $room, string $action, array $frame) { ... },
 *     );
 *
 * onPresence gets the presence events of the rooms Dispatch is configured to
 * watch (Dispatch:Presence:Rooms): `$conn` is the connection that joined or
 * left, `$action` is 'join' or 'leave', `$frame['cause']` says why. Without
 * it, presence events are answered with an empty response.
 */
final class App
{
    private readonly ?\Closure $onOpen;
    private readonly ?\Closure $onMessage;
    private readonly ?\Closure $onClose;
    private readonly ?\Closure $onPresence;

    public function __construct(
        ?callable $onOpen = null,
        ?callable $onMessage = null,
        ?callable $onClose = null,
        ?callable $onPresence = null,
    ) {
        $this->onOpen = $onOpen === null ? null : $onOpen(...);
        $this->onMessage = $onMessage === null ? null : $onMessage(...);
        $this->onClose = $onClose === null ? null : $onClose(...);
        $this->onPresence = $onPresence === null ? null : $onPresence(...);
    }

    /**
     * @param array<string, mixed> $frame the event, binary data already decoded
     */
    public function handle(array $frame, ConnectionInterface $conn): mixed
    {
        return match ($frame['event'] ?? null) {
            'open' => $this->onOpen === null ? null : ($this->onOpen)($conn, $frame),
            'message' => $this->onMessage === null ? null : ($this->onMessage)($conn, (string) ($frame['data'] ?? ''), $frame),
            'close' => $this->onClose === null ? null
                : ($this->onClose)($conn, (int) ($frame['code'] ?? 1000), (string) ($frame['reason'] ?? ''), $frame),
            'presence' => $this->onPresence === null ? null
                : ($this->onPresence)($conn, (string) ($frame['room'] ?? ''), (string) ($frame['action'] ?? ''), $frame),
            default => null,
        };
    }
}
