<?php

declare(strict_types=1);

namespace Dispatch\Worker\Frame;

use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Exception\TransportException;

/**
 * `[4-byte big-endian length N][N bytes]` (CONTRACT 2).
 *
 * The codec works on byte callbacks rather than streams so the same loops
 * serve sockets, in-memory relays and deliberately chunking test doubles.
 * `N` (not goridge's `L`) because `N` is big-endian on every machine.
 */
final class FrameCodec
{
    public const HEADER_BYTES = 4;
    public const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    public function __construct(private readonly int $maxFrameBytes = self::DEFAULT_MAX_FRAME_BYTES)
    {
        if ($maxFrameBytes < 1 || $maxFrameBytes > 0xFFFFFFFF) {
            throw new \InvalidArgumentException('max frame bytes must be between 1 and 4294967295');
        }
    }

    public function maxFrameBytes(): int
    {
        return $this->maxFrameBytes;
    }

    public function encode(string $payload): string
    {
        $this->checkLength(strlen($payload));

        return pack('N', strlen($payload)) . $payload;
    }

    /**
     * Validates a header and returns the payload length. Called before a
     * single payload byte is read, so a hostile length never allocates.
     */
    public function decodeLength(string $header): int
    {
        if (strlen($header) !== self::HEADER_BYTES) {
            throw new FrameException(sprintf('frame header must be %d bytes, got %d', self::HEADER_BYTES, strlen($header)));
        }
        /** @var array{1:int} $unpacked */
        $unpacked = unpack('N', $header);
        $length = $unpacked[1];
        $this->checkLength($length);

        return $length;
    }

    /**
     * Reads one frame. `$read(int $max): string` returns 1..$max bytes, or ''
     * at end of stream. Returns null on a clean end of stream at a frame
     * boundary (the peer hung up between frames).
     *
     * @param callable(int): string $read
     */
    public function read(callable $read): ?string
    {
        $header = $this->readExactly($read, self::HEADER_BYTES, true);
        if ($header === null) {
            return null;
        }
        $length = $this->decodeLength($header);

        return $this->readExactly($read, $length, false);
    }

    /**
     * Writes one frame, looping over partial writes (goridge does not).
     * `$write(string $bytes): int` returns how many bytes it took.
     *
     * @param callable(string): int $write
     */
    public function write(callable $write, string $payload): void
    {
        $bytes = $this->encode($payload);
        $offset = 0;
        $total = strlen($bytes);
        while ($offset < $total) {
            $written = $write($offset === 0 ? $bytes : substr($bytes, $offset));
            if ($written <= 0) {
                throw new TransportException(sprintf('write failed after %d of %d bytes', $offset, $total));
            }
            $offset += $written;
        }
    }

    private function checkLength(int $length): void
    {
        if ($length === 0) {
            throw new FrameException('frame length 0 is not allowed');
        }
        if ($length > $this->maxFrameBytes) {
            throw new FrameException(sprintf('frame length %d exceeds the maximum of %d bytes', $length, $this->maxFrameBytes));
        }
    }

    /**
     * @param callable(int): string $read
     */
    private function readExactly(callable $read, int $length, bool $eofAllowedAtStart): ?string
    {
        $chunks = [];
        $have = 0;
        while ($have < $length) {
            $chunk = $read($length - $have);
            if ($chunk === '') {
                if ($have === 0 && $eofAllowedAtStart) {
                    return null;
                }
                throw new FrameException(sprintf('end of stream after %d of %d bytes of a frame', $have, $length));
            }
            if (strlen($chunk) > $length - $have) {
                // A misbehaving source must not make us swallow the next frame's bytes.
                throw new TransportException('read callback returned more bytes than requested');
            }
            $chunks[] = $chunk;
            $have += strlen($chunk);
        }

        return implode('', $chunks);
    }
}
