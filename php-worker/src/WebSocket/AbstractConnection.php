<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * Shared behaviour of both `$conn` implementations: argument rules, the
 * command shapes of CONTRACT 4.3, and the local view of metadata that makes
 * reads reflect the handler's own earlier changes. Subclasses only decide
 * where a command goes (collected or written).
 */
abstract class AbstractConnection implements ConnectionInterface
{
    protected string $event = '';
    protected bool $accepted = true;
    protected bool $closed = false;
    private readonly MetadataView $view;

    public function __construct(protected readonly string $id)
    {
        $this->view = new MetadataView();
    }

    /**
     * Hands a command (without `mode`/`id`) to its destination.
     *
     * @param array<string, mixed> $command
     */
    abstract protected function emit(array $command): void;

    /** Called when an open is rejected: commands queued so far must not take effect (CONTRACT 4.2). */
    abstract protected function discardPending(): void;

    /** Called once when an open is accepted. */
    abstract protected function acceptedNow(): void;

    /**
     * Starts handling one event: takes the event's metadata snapshot (when it
     * has one) and resets the open-phase state.
     *
     * @param array<string, mixed> $event
     */
    public function beginEvent(array $event): void
    {
        $this->event = is_string($event['event'] ?? null) ? $event['event'] : '';
        if ($this->event === 'open') {
            $this->accepted = false;
            $this->closed = false;
        } elseif ($this->event === 'close') {
            // The websocket is already closing; onClose may still broadcast to its rooms, even when the handler's own
            // close() ended it (hosted mode keeps one $conn for the websocket's life).
            $this->closed = false;
        }
        $this->view->absorb($event);
    }

    public function id(): string
    {
        return $this->id;
    }

    public function accept(): void
    {
        if ($this->closed || $this->accepted || $this->event !== 'open') {
            return;
        }
        $this->accepted = true;
        $this->acceptedNow();
    }

    public function accepted(): bool
    {
        return $this->accepted;
    }

    public function closed(): bool
    {
        return $this->closed;
    }

    public function send(string $data, string $opcode = Opcode::TEXT): void
    {
        $this->command(Opcode::withPayload(['event' => 'send'], $data, $opcode));
    }

    public function close(int $code = 1000, string $reason = '', int $status = 0): void
    {
        if ($this->closed) {
            return;
        }
        $command = $this->closeCommand($code, $reason);
        if ($this->event === 'open') {
            if (!$this->accepted) {
                // Closing an undecided open is a rejection of the handshake.
                $status = $status > 0 ? $status : 403;
                $this->discardPending();
            }
            if ($status > 0) {
                $command['status'] = $status;
            }
        }
        // `status` on any other event would fail Dispatch's validation and lose the whole close.
        $this->closed = true;
        $this->emit($command);
    }

    public function closeConnection(string $targetId, int $code = 1000, string $reason = ''): void
    {
        if ($targetId === '') {
            return;
        }
        if ($targetId === $this->id) {
            $this->close($code, $reason);

            return;
        }
        $this->command(['target_id' => $targetId] + $this->closeCommand($code, $reason));
    }

    public function join(string $room): void
    {
        if ($room === '') {
            return;
        }
        if ($this->command(['event' => 'join', 'room' => $room])) {
            $this->view->addRoom($room);
        }
    }

    public function leave(string $room): void
    {
        if ($room === '') {
            return;
        }
        if ($this->command(['event' => 'leave', 'room' => $room])) {
            $this->view->removeRoom($room);
        }
    }

    public function replaceRooms(array $rooms): void
    {
        $clean = [];
        foreach ($rooms as $room) {
            if (!is_string($room)) {
                throw new \InvalidArgumentException('replaceRooms() takes a list of room names (strings)');
            }
            if ($room !== '' && !in_array($room, $clean, true)) {
                $clean[] = $room;
            }
        }
        if ($this->command(['event' => 'replace_rooms', 'rooms' => $clean])) {
            $this->view->replaceRooms($clean);
        }
    }

    public function kickRoom(string $room): void
    {
        if ($room === '') {
            return;
        }
        if ($this->command(['event' => 'kick_room', 'room' => $room])) {
            $this->view->removeRoom($room);
        }
    }

    public function broadcast(string $room, string $data, string $opcode = Opcode::TEXT, ?string $exceptId = null): void
    {
        if ($room === '') {
            return;
        }
        $command = Opcode::withPayload(['event' => 'broadcast', 'room' => $room], $data, $opcode);
        if ($exceptId !== null && $exceptId !== '') {
            $command['except_id'] = $exceptId;
        }
        $this->command($command);
    }

    public function sendTo(string $targetId, string $data, string $opcode = Opcode::TEXT): void
    {
        if ($targetId === '') {
            return;
        }
        $this->command(Opcode::withPayload(['event' => 'send_to', 'target_id' => $targetId], $data, $opcode));
    }

    public function sendToUser(string $userId, string $data, string $opcode = Opcode::TEXT): void
    {
        if ($userId === '') {
            return;
        }
        $this->command(Opcode::withPayload(['event' => 'send_to_user', 'user_id' => $userId], $data, $opcode));
    }

    public function set(string $key, string|int|float|bool|\Stringable|null $value): void
    {
        if ($value === null) {
            $this->clear($key);

            return;
        }
        if ($key === '') {
            return;
        }
        $value = (string) $value;
        // An object, not an array: a key like "0" would otherwise encode as a JSON list.
        if ($this->command(['event' => 'set_metadata', 'attrs' => (object) [$key => $value]])) {
            $this->view->setAttr($key, $value);
        }
    }

    public function get(string $key): ?string
    {
        return $this->view->attr($key);
    }

    public function clear(?string $key = null): void
    {
        if ($key === null) {
            if ($this->command(['event' => 'clear_metadata'])) {
                $this->view->clearAttr(null);
            }

            return;
        }
        if ($key === '') {
            return;
        }
        if ($this->command(['event' => 'clear_metadata', 'keys' => [$key]])) {
            $this->view->clearAttr($key);
        }
    }

    public function bindUser(string $userId): void
    {
        if ($userId === '') {
            return;
        }
        if ($this->command(['event' => 'set_metadata', 'user_id' => $userId])) {
            $this->view->bindUser($userId);
        }
    }

    public function userId(): ?string
    {
        return $this->view->userId();
    }

    public function rooms(): array
    {
        return $this->view->rooms();
    }

    public function metadata(): array
    {
        return $this->view->toArray();
    }

    public function scheduleClose(int $afterMs, int $code = 1000, string $reason = ''): void
    {
        if ($afterMs < 0) {
            throw new \InvalidArgumentException('scheduleClose() needs $afterMs >= 0 (0 cancels)');
        }
        $command = ['event' => 'schedule_close', 'after_ms' => $afterMs, 'code' => $code];
        if ($reason !== '') {
            $command['reason'] = $reason;
        }
        $this->command($command);
    }

    public function setMeta(string $key, string $value): void
    {
        $this->set($key, $value);
    }

    public function clearMeta(string $key): void
    {
        $this->clear($key);
    }

    public function setPresence(string $value): void
    {
        $this->set('presence', $value);
    }

    /**
     * @param array<string, mixed> $command
     * @return bool whether the command was emitted (false once closed)
     */
    private function command(array $command): bool
    {
        if ($this->closed) {
            return false;
        }
        $this->emit($command);

        return true;
    }

    /**
     * @return array<string, mixed>
     */
    private function closeCommand(int $code, string $reason): array
    {
        $command = ['event' => 'close', 'code' => $code];
        if ($reason !== '') {
            $command['reason'] = $reason;
        }

        return $command;
    }
}
