<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Frame;

use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Frame\FrameCodec;
use Dispatch\Worker\Relay\InMemoryRelay;
use PHPUnit\Framework\TestCase;

/**
 * Seeded random byte strings through the reader: it may return frames, null
 * or throw FrameException, and nothing else (no warnings, no fatal, no
 * other exception type, no huge allocation).
 */
final class FrameReaderFuzzTest extends TestCase
{
    private const SEED = 20261122;
    private const CASES = 4000;

    public function testRandomInputOnlyYieldsFramesOrFrameExceptions(): void
    {
        mt_srand(self::SEED);
        $codec = new FrameCodec(4096);
        $outcomes = ['frames' => 0, 'frame_exception' => 0];

        for ($case = 0; $case < self::CASES; $case++) {
            $input = $this->randomInput($codec);
            $relay = new InMemoryRelay($input, mt_rand(1, 64), $codec);
            $consumed = 0;
            try {
                for ($n = 0; $n < 1000 && ($frame = $relay->waitFrame()) !== null; $n++) {
                    self::assertNotSame('', $frame);
                    self::assertLessThanOrEqual(4096, strlen($frame));
                    $consumed += 4 + strlen($frame);
                }
                self::assertSame(strlen($input), $consumed, "case $case: clean end must mean every byte was framed");
                $outcomes['frames']++;
            } catch (FrameException) {
                $outcomes['frame_exception']++;
            }
        }

        // Both paths were exercised, so the generator is not degenerate.
        self::assertGreaterThan(100, $outcomes['frames']);
        self::assertGreaterThan(100, $outcomes['frame_exception']);
    }

    private function randomInput(FrameCodec $codec): string
    {
        switch (mt_rand(0, 3)) {
            case 0: // pure noise
                return $this->bytes(mt_rand(0, 64));
            case 1: // valid frames, possibly truncated
                $s = '';
                for ($i = mt_rand(0, 4); $i > 0; $i--) {
                    $s .= $codec->encode($this->bytes(mt_rand(1, 200)));
                }

                return mt_rand(0, 1) === 1 && $s !== '' ? substr($s, 0, mt_rand(0, strlen($s))) : $s;
            case 2: // hostile lengths
                return pack('N', [0, 4097, 0x7FFFFFFF, 0xFFFFFFFF, mt_rand(0, 0xFFFFFFFF)][mt_rand(0, 4)]) . $this->bytes(mt_rand(0, 16));
            default: // a valid frame followed by noise
                return $codec->encode($this->bytes(mt_rand(1, 50))) . $this->bytes(mt_rand(0, 12));
        }
    }

    private function bytes(int $n): string
    {
        $s = '';
        for ($i = 0; $i < $n; $i++) {
            $s .= chr(mt_rand(0, 255));
        }

        return $s;
    }
}
