<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Frame;

use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Frame\FrameCodec;
use Dispatch\Worker\Relay\InMemoryRelay;
use PHPUnit\Framework\TestCase;

final class FrameCodecTest extends TestCase
{
    public function testRoundTrip(): void
    {
        $codec = new FrameCodec();
        $payloads = ['{"a":1}', str_repeat('x', 70000), "\u{1F600} ünïcödé", "\x00\x01\x02"];
        $relay = InMemoryRelay::withFrames($payloads, PHP_INT_MAX, $codec);

        $read = [];
        while (($p = $relay->waitFrame()) !== null) {
            $read[] = $p;
        }

        self::assertSame($payloads, $read);
    }

    public function testLengthIsBigEndian(): void
    {
        $frame = (new FrameCodec())->encode(str_repeat('a', 0x010203));

        self::assertSame("\x00\x01\x02\x03", substr($frame, 0, 4));
        self::assertSame(0x010203, (new FrameCodec())->decodeLength("\x00\x01\x02\x03"));
    }

    public function testZeroLengthIsRejectedOnRead(): void
    {
        $relay = new InMemoryRelay("\x00\x00\x00\x00{}");

        $this->expectException(FrameException::class);
        $this->expectExceptionMessage('length 0');
        $relay->waitFrame();
    }

    public function testEmptyPayloadIsRejectedOnWrite(): void
    {
        $this->expectException(FrameException::class);
        (new FrameCodec())->encode('');
    }

    public function testOversizedLengthIsRejectedBeforeAnyPayloadIsRead(): void
    {
        $codec = new FrameCodec(1024);
        $requested = 0;
        $reads = 0;
        $source = "\xFF\xFF\xFF\xFF" . str_repeat('z', 64);
        $read = static function (int $max) use (&$requested, &$reads, $source): string {
            $chunk = substr($source, $requested, $max);
            $requested += strlen($chunk);
            $reads++;

            return $chunk;
        };

        try {
            $codec->read($read);
            self::fail('an oversized frame must be rejected');
        } catch (FrameException $e) {
            self::assertStringContainsString('exceeds the maximum of 1024', $e->getMessage());
        }
        // Only the header was consumed: the payload was neither read nor allocated.
        self::assertSame(4, $requested);
    }

    public function testLengthJustAboveConfiguredMaximumIsRejected(): void
    {
        $codec = new FrameCodec(10);
        self::assertSame(10, $codec->decodeLength(pack('N', 10)));

        $this->expectException(FrameException::class);
        $codec->decodeLength(pack('N', 11));
    }

    public function testDefaultMaximumIsSixteenMebibytes(): void
    {
        $codec = new FrameCodec();
        self::assertSame(16 * 1024 * 1024, $codec->decodeLength(pack('N', 16 * 1024 * 1024)));

        $this->expectException(FrameException::class);
        $codec->decodeLength(pack('N', 16 * 1024 * 1024 + 1));
    }

    public function testOversizedPayloadIsRejectedOnWrite(): void
    {
        $this->expectException(FrameException::class);
        (new FrameCodec(4))->encode('12345');
    }

    public function testCleanEndOfStreamBetweenFramesIsNull(): void
    {
        self::assertNull((new InMemoryRelay(''))->waitFrame());
    }

    /**
     * @dataProvider truncatedInputs
     */
    public function testTruncatedInputIsAFrameError(string $bytes): void
    {
        $relay = new InMemoryRelay($bytes);

        $this->expectException(FrameException::class);
        $this->expectExceptionMessage('end of stream');
        $relay->waitFrame();
    }

    /**
     * @return iterable<string, array{string}>
     */
    public static function truncatedInputs(): iterable
    {
        yield 'partial header' => ["\x00\x00"];
        yield 'header only' => ["\x00\x00\x00\x05"];
        yield 'partial payload' => ["\x00\x00\x00\x05abc"];
    }

    public function testReassemblesFramesDeliveredOneByteAtATime(): void
    {
        $payloads = ['{"event":"open"}', '{"event":"message","data":"' . str_repeat('m', 300) . '"}', '{}'];
        $relay = InMemoryRelay::withFrames($payloads, 1);

        self::assertSame($payloads[0], $relay->waitFrame());
        self::assertSame($payloads[1], $relay->waitFrame());
        self::assertSame($payloads[2], $relay->waitFrame());
        self::assertNull($relay->waitFrame());
    }

    public function testWriterLoopsOnPartialWrites(): void
    {
        $relay = new InMemoryRelay('', 3);
        $relay->send('hello, partial writes');

        self::assertSame(pack('N', 21) . 'hello, partial writes', $relay->output());
    }

    public function testWriterFailsWhenTheSinkTakesNothing(): void
    {
        $this->expectException(TransportException::class);
        (new FrameCodec())->write(static fn (string $bytes): int => 0, 'x');
    }

    public function testReaderRefusesASourceThatOverDelivers(): void
    {
        $this->expectException(TransportException::class);
        (new FrameCodec())->read(static fn (int $max): string => str_repeat("\x00", $max + 1));
    }
}
