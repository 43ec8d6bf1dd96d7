<?php

declare(strict_types=1);

namespace Dispatch\Worker\Relay;

use Dispatch\Worker\Exception\TransportException;
use Dispatch\Worker\Frame\FrameCodec;

/**
 * The worker's end of CONTRACT 2: listen on a unix stream socket, accept the
 * one persistent connection Dispatch opens, and hand it over as a relay.
 */
final class UnixSocketListener
{
    /** @var resource|null */
    private $server;

    private function __construct(private readonly string $path, $server)
    {
        $this->server = $server;
    }

    public static function listen(string $path): self
    {
        $dir = dirname($path);
        if (!is_dir($dir) && !@mkdir($dir, 0770, true) && !is_dir($dir)) {
            throw new TransportException(sprintf('cannot create socket directory %s', $dir));
        }
        // A previous worker that crashed leaves its socket file behind; bind() fails on it.
        if (file_exists($path) || is_link($path)) {
            if (filetype($path) !== 'socket') {
                throw new TransportException(sprintf('%s exists and is not a socket; refusing to remove it', $path));
            }
            @unlink($path);
        }
        $server = @stream_socket_server('unix://' . $path, $errno, $errstr);
        if ($server === false) {
            throw new TransportException(sprintf('cannot listen on %s: %s (%d)', $path, $errstr, $errno));
        }
        @chmod($path, 0660);

        return new self($path, $server);
    }

    public function path(): string
    {
        return $this->path;
    }

    /**
     * Waits for Dispatch to connect. Polls in slices so that `$giveUp` (the
     * parent-death check) runs while nobody connects; returns null when it
     * says so.
     *
     * @param callable(): bool $giveUp
     */
    public function accept(callable $giveUp, FrameCodec $codec, float $pollSeconds = 1.0): ?StreamRelay
    {
        if ($this->server === null) {
            throw new TransportException('listener is closed');
        }
        while (true) {
            if ($giveUp()) {
                return null;
            }
            // A timeout is reported as a warning by PHP; it is the expected case here.
            $client = @stream_socket_accept($this->server, $pollSeconds);
            if ($client !== false) {
                return new StreamRelay($client, null, $codec);
            }
        }
    }

    /**
     * Closes the listening socket and removes its file: Dispatch keeps one
     * connection for the worker's life, so a second connect must be refused,
     * not left hanging in the backlog.
     */
    public function close(): void
    {
        if ($this->server !== null) {
            fclose($this->server);
            $this->server = null;
        }
        if (file_exists($this->path) && filetype($this->path) === 'socket') {
            @unlink($this->path);
        }
    }
}
