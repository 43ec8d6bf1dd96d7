<?php

declare(strict_types=1);

namespace Dispatch\Worker\Relay;

use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Frame\FrameCodec;

/**
 * A relay over PHP stream resources: an accepted unix socket, or a pair of
 * pipes. Reads are never ahead of the current frame, so pipelined frames
 * stay in the socket until their turn.
 */
final class StreamRelay implements RelayInterface
{
    /** @var resource */
    private $in;
    /** @var resource */
    private $out;

    /**
     * @param resource $in
     * @param resource|null $out defaults to $in (a duplex socket)
     */
    public function __construct($in, $out = null, private readonly FrameCodec $codec = new FrameCodec())
    {
        if (!is_resource($in) || ($out !== null && !is_resource($out))) {
            throw new \InvalidArgumentException('StreamRelay needs stream resources');
        }
        $this->in = $in;
        $this->out = $out ?? $in;
    }

    public function waitFrame(): ?string
    {
        return $this->codec->read(function (int $max): string {
            while (true) {
                $chunk = @fread($this->in, min($max, 65536));
                if ($chunk !== false && $chunk !== '') {
                    return $chunk;
                }
                // An idle Dispatch is normal: the stream read timeout
                // (default_socket_timeout, 60 s) makes fread give up without
                // EOF; only a real EOF or error ends the stream.
                if (feof($this->in)) {
                    return '';
                }
                if (stream_get_meta_data($this->in)['timed_out']) {
                    continue;
                }
                if ($chunk === false) {
                    throw new TransportException('read failed: ' . (error_get_last()['message'] ?? 'unknown error'));
                }

                return '';
            }
        });
    }

    public function send(string $payload): void
    {
        $this->codec->write(function (string $bytes): int {
            while (true) {
                $written = @fwrite($this->out, $bytes);
                if ($written !== false && $written > 0) {
                    return $written;
                }
                // A slow reader on the other side is not an error; a broken pipe is.
                if (stream_get_meta_data($this->out)['timed_out']) {
                    continue;
                }
                if ($written === false) {
                    throw new TransportException('write failed: ' . (error_get_last()['message'] ?? 'unknown error'));
                }

                return 0;
            }
        }, $payload);
        @fflush($this->out);
    }

    public function close(): void
    {
        if (is_resource($this->in)) {
            fclose($this->in);
        }
        if ($this->out !== $this->in && is_resource($this->out)) {
            fclose($this->out);
        }
    }
}
