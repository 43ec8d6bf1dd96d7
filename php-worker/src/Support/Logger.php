<?php

declare(strict_types=1);

namespace Dispatch\Worker\Support;

/**
 * One-line diagnostics to STDERR (Dispatch captures the worker's stderr into
 * its own log). Never STDOUT.
 */
final class Logger
{
    /** @var resource */
    private $stream;

    /**
     * @param resource|null $stream
     */
    public function __construct($stream = null)
    {
        $this->stream = $stream ?? (defined('STDERR') ? STDERR : fopen('php://stderr', 'wb'));
    }

    public function info(string $message): void
    {
        $this->write('info', $message);
    }

    public function error(string $message): void
    {
        $this->write('error', $message);
    }

    public function exception(string $context, \Throwable $e): void
    {
        $this->write('error', sprintf(
            '%s: %s: %s in %s:%d',
            $context,
            $e::class,
            $e->getMessage(),
            $e->getFile(),
            $e->getLine(),
        ));
    }

    private function write(string $level, string $message): void
    {
        // Newlines inside a message would split one event across log lines.
        $line = sprintf("dispatch-worker[%d] %s: %s\n", getmypid(), $level, str_replace(["\r", "\n"], ' ', $message));
        @fwrite($this->stream, $line);
    }
}
