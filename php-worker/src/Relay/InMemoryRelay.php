<?php

declare(strict_types=1);

namespace Dispatch\Worker\Relay;

use Dispatch\Worker\Frame\FrameCodec;

/**
 * Test relay (goridge's TestRelay): reads from a byte string, records what
 * is written. `$chunkSize` hands bytes out a few at a time, the way a socket
 * under load does, so the codec's reassembly loops are exercised.
 */
final class InMemoryRelay implements RelayInterface
{
    private string $input;
    private int $position = 0;
    private string $output = '';

    public function __construct(string $input = '', private readonly int $chunkSize = PHP_INT_MAX, private readonly FrameCodec $codec = new FrameCodec())
    {
        $this->input = $input;
    }

    /**
     * @param list<string> $payloads
     */
    public static function withFrames(array $payloads, int $chunkSize = PHP_INT_MAX, ?FrameCodec $codec = null): self
    {
        $codec ??= new FrameCodec();

        return new self(implode('', array_map($codec->encode(...), $payloads)), $chunkSize, $codec);
    }

    public function waitFrame(): ?string
    {
        return $this->codec->read(function (int $max): string {
            $chunk = substr($this->input, $this->position, min($max, $this->chunkSize));
            $this->position += strlen($chunk);

            return $chunk;
        });
    }

    public function send(string $payload): void
    {
        $this->codec->write(function (string $bytes): int {
            $taken = substr($bytes, 0, $this->chunkSize);
            $this->output .= $taken;

            return strlen($taken);
        }, $payload);
    }

    public function close(): void
    {
    }

    public function output(): string
    {
        return $this->output;
    }

    /**
     * The payloads written so far, decoded from their frames.
     *
     * @return list<string>
     */
    public function sentPayloads(): array
    {
        $payloads = [];
        $reader = new self($this->output, PHP_INT_MAX, $this->codec);
        while (($payload = $reader->waitFrame()) !== null) {
            $payloads[] = $payload;
        }

        return $payloads;
    }

    /**
     * @return list<array<string, mixed>>
     */
    public function sentMessages(): array
    {
        return array_map(
            static fn (string $p): array => json_decode($p, true, 512, JSON_THROW_ON_ERROR),
            $this->sentPayloads(),
        );
    }
}
