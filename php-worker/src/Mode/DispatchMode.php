<?php

declare(strict_types=1);

namespace Dispatch\Worker\Mode;

use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Handler\ErrorClass;
use Dispatch\Worker\Handler\ResultNormalizer;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\WebSocket\CommandBuffer;
use Dispatch\Worker\WebSocket\ConnectionInterface;

/**
 * Message-dispatch mode (CONTRACT 4): one event in, one response out. A new
 * CommandBuffer per event is what keeps handlers stateless here.
 */
final class DispatchMode
{
    /**
     * @param (\Closure(array<string, mixed>, ConnectionInterface): mixed)|null $handler
     */
    public function __construct(
        private readonly ?\Closure $handler,
        private readonly OutputGuard $guard,
        private readonly Logger $logger,
    ) {
    }

    /**
     * @param array<string, mixed> $event a normalized event
     * @return array<string, mixed> the response
     */
    public function handle(array $event): array
    {
        $conn = CommandBuffer::forEvent($event);
        if ($this->handler === null) {
            return self::errorResponse($conn->id(), ErrorClass::CONTRACT, 'WebSocket handler unavailable');
        }
        try {
            $result = $this->guard->capture(fn (): mixed => ($this->handler)($event, $conn));
            ResultNormalizer::apply($result, $event, $conn);
        } catch (TransportException $e) {
            throw $e;
        } catch (\Throwable $e) {
            $this->logger->exception(sprintf('handler failed on %s of %s', (string) $event['event'], $conn->id()), $e);

            return self::errorResponse($conn->id(), ErrorClass::of($e), ErrorClass::message($e));
        }

        return $conn->response();
    }

    /**
     * @return array<string, mixed>
     */
    public static function errorResponse(string $id, string $errorClass, string $message): array
    {
        return [
            'mode' => 'websocket_dispatch',
            'event' => 'error',
            'id' => $id,
            'error_class' => $errorClass,
            'error' => $message,
        ];
    }
}
