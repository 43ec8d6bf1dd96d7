<?php

declare(strict_types=1);

namespace Dispatch\Worker\Mode;

use Dispatch\Worker\Exception\ContractException;
use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Handler\ErrorClass;
use Dispatch\Worker\Handler\EventDecoder;
use Dispatch\Worker\Handler\ResultNormalizer;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\WebSocket\ConnectionInterface;
use Dispatch\Worker\WebSocket\HostedConnection;

/**
 * Connection-hosted mode (CONTRACT 5): the handler's `$conn` writes frames as
 * it goes and every event's reply ends with `done`. The HostedConnection
 * lives from open to close, so a handler may keep per-connection state.
 */
final class HostedMode
{
    /** @var array<string, HostedConnection> */
    private array $connections = [];
    /** @var \Closure(array<string, mixed>): void */
    private readonly \Closure $write;

    /**
     * @param (\Closure(array<string, mixed>, ConnectionInterface): mixed)|null $handler
     * @param callable(array<string, mixed>): void $write sends one frame to Dispatch
     */
    public function __construct(
        private readonly ?\Closure $handler,
        private readonly OutputGuard $guard,
        private readonly Logger $logger,
        callable $write,
    ) {
        $this->write = $write(...);
    }

    /**
     * @param array<mixed> $raw a parsed, not yet normalized, event
     */
    public function handle(array $raw): void
    {
        $id = EventDecoder::idOf($raw);
        $name = is_string($raw['event'] ?? null) ? $raw['event'] : '';
        if ($name === 'open' || !isset($this->connections[$id])) {
            $this->connections[$id] = new HostedConnection($id, $this->write);
        }
        $conn = $this->connections[$id];
        $isOpen = $name === 'open';
        $transportFailed = false;
        try {
            $event = EventDecoder::normalize($raw);
            $conn->beginEvent($event);
            if ($this->handler === null) {
                $conn->close(1011, 'WebSocket handler unavailable', $isOpen ? 501 : 0);

                return;
            }
            $result = $this->guard->capture(fn (): mixed => ($this->handler)($event, $conn));
            ResultNormalizer::apply($result, $event, $conn);
        } catch (TransportException $e) {
            // The socket to Dispatch is gone: nothing more can be written, not even `done`.
            $transportFailed = true;

            throw $e;
        } catch (\Throwable $e) {
            $e instanceof ContractException
                ? $this->logger->error(sprintf('bad hosted event for %s: %s', $id, $e->getMessage()))
                : $this->logger->exception(sprintf('handler failed on %s of %s', $name, $id), $e);
            $conn->error(ErrorClass::message($e), ErrorClass::of($e));
            $conn->close(1011, 'worker error', $isOpen ? 500 : 0);
        } finally {
            if (!$transportFailed) {
                $conn->done();
            }
            // A refused or failed open gets no close event: forget it now, or it would stay until the worker recycles.
            if ($name === 'close' || ($isOpen && !$conn->accepted())) {
                unset($this->connections[$id]);
            }
        }
    }
}
