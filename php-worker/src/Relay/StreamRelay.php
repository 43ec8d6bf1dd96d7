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
                if ($chunk === false) {
                    throw new TransportException('read failed: ' . (error_get_last()['message'] ?? 'unknown error'));
                }
                if ($chunk !== '') {
                    return $chunk;
                }
                // An idle Dispatch is normal: default_socket_timeout (60 s) makes
                // fread return '' without EOF; only a real EOF ends the stream.
                if (feof($this->in) || !stream_get_meta_data($this->in)['timed_out']) {
                    return '';
                }
            }
        });
    }

    public function send(string $payload): void
    {
        $this->codec->write(function (string $bytes): int {
            while (true) {
                $written = @fwrite($this->out, $bytes);
                if ($written === false) {
                    throw new TransportException('write failed: ' . (error_get_last()['message'] ?? 'unknown error'));
                }
                if ($written > 0 || !stream_get_meta_data($this->out)['timed_out']) {
                    return $written;
                }
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
