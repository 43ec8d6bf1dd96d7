<?php

declare(strict_types=1);

namespace Dispatch\Worker\Relay;

use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Exception\TransportException;

/**
 * Blocking duplex frame transport (goridge's relay layer). Payloads are the
 * JSON bytes; the relay owns the framing.
 */
interface RelayInterface
{
    /**
     * Blocks until a whole frame has arrived. Null means the peer closed the
     * stream cleanly between frames.
     *
     * @throws FrameException on a malformed or truncated frame
     * @throws TransportException on an I/O failure
     */
    public function waitFrame(): ?string;

    /**
     * @throws FrameException when the payload is empty or above the maximum
     * @throws TransportException on an I/O failure
     */
    public function send(string $payload): void;

    public function close(): void;
}
