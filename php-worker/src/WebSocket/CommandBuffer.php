<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * Message-dispatch mode `$conn` (CONTRACT 4): collects commands for the one
 * response to this event. Built fresh per event, so nothing a handler stores
 * on it survives to the next event.
 */
final class CommandBuffer extends AbstractConnection
{
    /** @var list<array<string, mixed>> */
    private array $commands = [];

    /**
     * @param array<string, mixed> $event
     */
    public static function forEvent(array $event): self
    {
        $buffer = new self(is_string($event['id'] ?? null) ? $event['id'] : '');
        $buffer->beginEvent($event);

        return $buffer;
    }

    /**
     * @return list<array<string, mixed>>
     */
    public function commands(): array
    {
        return $this->commands;
    }

    /**
     * The CONTRACT 4.2 response. `accepted` only means something for open.
     *
     * @return array<string, mixed>
     */
    public function response(): array
    {
        return [
            'mode' => 'websocket_dispatch',
            'id' => $this->id,
            'accepted' => $this->event !== 'open' || $this->accepted,
            'commands' => $this->commands,
        ];
    }

    protected function emit(array $command): void
    {
        $this->commands[] = $command;
    }

    protected function discardPending(): void
    {
        $this->commands = [];
    }

    protected function acceptedNow(): void
    {
        // `accepted: true` in the response says it; no command needed.
    }
}
