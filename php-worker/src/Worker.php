<?php

declare(strict_types=1);

namespace Dispatch\Worker;

use Dispatch\Worker\Exception\ContractException;
use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Frame\FrameCodec;
use Dispatch\Worker\Handler\ErrorClass;
use Dispatch\Worker\Handler\EventDecoder;
use Dispatch\Worker\Handler\HandlerResolver;
use Dispatch\Worker\Mode\DispatchMode;
use Dispatch\Worker\Mode\HostedMode;
use Dispatch\Worker\Relay\RelayInterface;
use Dispatch\Worker\Support\Json;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;

/**
 * The loop: read a frame, handle it, answer, strictly in order. Frames are
 * read one at a time, so events Dispatch pipelines wait in the socket and
 * their answers come back in the order the events were written.
 */
final class Worker
{
    private readonly DispatchMode $dispatch;
    private readonly HostedMode $hosted;
    private readonly Logger $logger;

    /**
     * @param mixed $app what the app file returned (anything HandlerResolver accepts)
     */
    public function __construct(
        private readonly RelayInterface $relay,
        mixed $app,
        ?OutputGuard $guard = null,
        ?Logger $logger = null,
        private readonly int $maxFrameBytes = FrameCodec::DEFAULT_MAX_FRAME_BYTES,
    ) {
        $handler = HandlerResolver::resolve($app);
        $guard ??= new OutputGuard();
        $this->logger = $logger ?? new Logger();
        $this->dispatch = new DispatchMode($handler, $guard, $this->logger);
        $this->hosted = new HostedMode($handler, $guard, $this->logger, $this->sendMessage(...));
    }

    /**
     * Serves until Dispatch closes the connection between frames.
     *
     * @throws FrameException a malformed frame; the stream cannot be trusted after it
     * @throws TransportException the connection broke
     */
    public function run(): void
    {
        while (($payload = $this->relay->waitFrame()) !== null) {
            $this->handlePayload($payload);
        }
    }

    public function handlePayload(string $payload): void
    {
        try {
            $raw = EventDecoder::parse($payload);
        } catch (ContractException $e) {
            $this->logger->error($e->getMessage());
            $this->sendMessage(DispatchMode::errorResponse('', ErrorClass::CONTRACT, $e->getMessage()));

            return;
        }
        $mode = is_string($raw['mode'] ?? null) ? $raw['mode'] : EventDecoder::MODE_DISPATCH;
        if ($mode === EventDecoder::MODE_HOSTED) {
            $this->hosted->handle($raw);

            return;
        }
        $id = EventDecoder::idOf($raw);
        if ($mode !== EventDecoder::MODE_DISPATCH) {
            $this->sendMessage(DispatchMode::errorResponse($id, ErrorClass::CONTRACT, sprintf('unsupported mode "%s"', $mode)));

            return;
        }
        try {
            $event = EventDecoder::normalize($raw);
        } catch (ContractException $e) {
            $this->logger->error(sprintf('bad event for %s: %s', $id, $e->getMessage()));
            $this->sendMessage(DispatchMode::errorResponse($id, ErrorClass::CONTRACT, $e->getMessage()));

            return;
        }
        $this->sendMessage($this->dispatch->handle($event));
    }

    /**
     * Encodes and sends one message. A message that cannot be encoded or is
     * above the frame limit is replaced by an error of the same mode, so a
     * handler's output can fail its event but never the worker.
     *
     * @param array<string, mixed> $message
     */
    private function sendMessage(array $message): void
    {
        try {
            $payload = Json::encode($message);
            if (strlen($payload) > $this->maxFrameBytes) {
                throw new \LengthException(sprintf(
                    'reply of %d bytes exceeds the maximum frame size of %d bytes',
                    strlen($payload),
                    $this->maxFrameBytes,
                ));
            }
        } catch (\JsonException|\LengthException $e) {
            $this->logger->error(sprintf('cannot send %s reply for %s: %s', (string) ($message['event'] ?? 'response'), (string) ($message['id'] ?? ''), $e->getMessage()));
            $payload = Json::encode([
                'mode' => $message['mode'] ?? EventDecoder::MODE_DISPATCH,
                'event' => 'error',
                'id' => $message['id'] ?? '',
                'error_class' => ErrorClass::RUNTIME,
                'error' => $e->getMessage(),
            ]);
        }
        $this->relay->send($payload);
    }
}
