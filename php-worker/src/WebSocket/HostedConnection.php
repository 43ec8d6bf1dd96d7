<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * Connection-hosted mode `$conn` (CONTRACT 5): writes each command to
 * Dispatch as a `{"mode":"websocket","event":...,"id":...}` frame as soon as
 * it is made. Lives as long as its websocket, so per-connection state kept
 * by the handler is fine here.
 *
 * One exception to "immediately": during open, before the handshake is
 * decided, commands are held back. Dispatch completes the handshake only on
 * `accept`, and a rejected open must not apply anything, exactly as in
 * dispatch mode; so they are written right after `accept` or dropped on
 * rejection.
 */
final class HostedConnection extends AbstractConnection
{
    /** @var \Closure(array<string, mixed>): void */
    private readonly \Closure $write;
    /** @var list<array<string, mixed>> */
    private array $held = [];

    /**
     * @param callable(array<string, mixed>): void $write receives whole frames
     */
    public function __construct(string $id, callable $write)
    {
        parent::__construct($id);
        $this->write = $write(...);
    }

    /** Ends the reply to one event (CONTRACT 5 `done`). */
    public function done(): void
    {
        // A decision must have been written before done; the worker's result
        // normalisation accepts undecided opens, this is the last safety net.
        $this->held = [];
        $this->writeFrame(['event' => 'done']);
    }

    /** Reports a failed handler call (CONTRACT 5 `error`); not subject to the closed rule. */
    public function error(string $message, string $errorClass = 'worker_runtime_error'): void
    {
        $this->writeFrame(['event' => 'error', 'error_class' => $errorClass, 'error' => $message]);
    }

    protected function emit(array $command): void
    {
        if ($this->event === 'open' && !$this->accepted && !$this->closed) {
            $this->held[] = $command;

            return;
        }
        $this->writeFrame($command);
    }

    protected function discardPending(): void
    {
        $this->held = [];
    }

    protected function acceptedNow(): void
    {
        $this->writeFrame(['event' => 'accept']);
        $held = $this->held;
        $this->held = [];
        foreach ($held as $command) {
            $this->writeFrame($command);
        }
    }

    /**
     * @param array<string, mixed> $command
     */
    private function writeFrame(array $command): void
    {
        ($this->write)(['mode' => 'websocket', 'event' => $command['event'], 'id' => $this->id] + $command);
    }
}
