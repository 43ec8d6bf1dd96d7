<?php

declare(strict_types=1);

namespace Dispatch\Worker\WebSocket;

/**
 * Wire form of a payload: text is sent as is, binary as base64 (CONTRACT
 * 4.3). Handlers only ever see raw bytes.
 */
final class Opcode
{
    public const TEXT = 'text';
    public const BINARY = 'binary';

    /**
     * Adds `data` (and `opcode` when binary: text is the default and the wire
     * is kept minimal) to a command.
     *
     * @param array<string, mixed> $command
     * @return array<string, mixed>
     */
    public static function withPayload(array $command, string $data, string $opcode): array
    {
        if ($opcode === self::TEXT) {
            $command['data'] = $data;

            return $command;
        }
        if ($opcode === self::BINARY) {
            $command['data'] = base64_encode($data);
            $command['opcode'] = self::BINARY;

            return $command;
        }
        throw new \InvalidArgumentException(sprintf('opcode must be "text" or "binary", got "%s"', $opcode));
    }
}
