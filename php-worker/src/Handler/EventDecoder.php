<?php

declare(strict_types=1);

namespace Dispatch\Worker\Handler;

use Dispatch\Worker\Exception\ContractException;
use Dispatch\Worker\Support\Json;

/**
 * Payload bytes to the `$frame` array handlers see. Lenient (CONTRACT 2):
 * unknown keys pass through, missing ones take defaults; only what cannot be
 * handled at all is a contract error. Binary data is base64-decoded here so
 * handlers get raw bytes (CONTRACT 6).
 */
final class EventDecoder
{
    public const MODE_DISPATCH = 'websocket_dispatch';
    public const MODE_HOSTED = 'websocket';

    /**
     * parse() then normalize().
     *
     * @return array<string, mixed>
     * @throws ContractException
     */
    public static function decode(string $payload): array
    {
        return self::normalize(self::parse($payload));
    }

    /**
     * JSON to array, nothing more, so the caller learns the event's mode and
     * id even when normalize() then rejects it.
     *
     * @return array<mixed>
     * @throws ContractException
     */
    public static function parse(string $payload): array
    {
        try {
            $event = Json::decode($payload);
        } catch (\JsonException $e) {
            throw new ContractException('invalid JSON in event frame: ' . $e->getMessage(), 0, $e);
        }
        if (!is_array($event) || ($event !== [] && array_is_list($event))) {
            throw new ContractException('event frame must be a JSON object');
        }

        return $event;
    }

    /**
     * The connection id of an event, even a malformed one, for error responses.
     *
     * @param array<mixed> $event
     */
    public static function idOf(array $event): string
    {
        return is_string($event['id'] ?? null) ? $event['id'] : '';
    }

    /**
     * @param array<mixed> $event
     * @return array<string, mixed>
     * @throws ContractException
     */
    public static function normalize(array $event): array
    {
        $event['mode'] = is_string($event['mode'] ?? null) ? $event['mode'] : self::MODE_DISPATCH;
        $event['id'] = self::idOf($event);
        if (!is_string($event['event'] ?? null)) {
            throw new ContractException('event frame has no "event" name');
        }
        if ($event['event'] !== 'message') {
            return $event;
        }
        $opcode = $event['opcode'] ?? 'text';
        $data = $event['data'] ?? '';
        if (!is_string($data)) {
            throw new ContractException('message "data" must be a string');
        }
        if ($opcode === 'binary') {
            $bytes = base64_decode($data, true);
            if ($bytes === false) {
                throw new ContractException('binary message "data" is not valid base64');
            }
            $data = $bytes;
        } elseif ($opcode !== 'text') {
            throw new ContractException(sprintf('unknown opcode "%s"', is_string($opcode) ? $opcode : get_debug_type($opcode)));
        }
        $event['opcode'] = $opcode;
        $event['data'] = $data;

        return $event;
    }
}
