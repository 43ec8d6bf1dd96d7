<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Support;

use Dispatch\Worker\Relay\InMemoryRelay;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\Worker;

/**
 * Runs events through a real Worker over an in-memory relay and returns
 * what it wrote back, with stderr captured instead of printed.
 */
final class WorkerRun
{
    /** @var resource */
    public $stderr;
    public InMemoryRelay $relay;

    /**
     * @param list<array<string, mixed>|string> $events arrays are JSON-encoded, strings sent raw
     */
    public function __construct(mixed $app, array $events, int $chunkSize = PHP_INT_MAX)
    {
        $this->stderr = fopen('php://memory', 'w+b');
        $this->relay = InMemoryRelay::withFrames(
            array_map(static fn (array|string $e): string => is_string($e) ? $e : Events::json($e), $events),
            $chunkSize,
        );
        (new Worker($this->relay, $app, new OutputGuard($this->stderr), new Logger($this->stderr)))->run();
    }

    /**
     * @return list<array<string, mixed>>
     */
    public static function messages(mixed $app, array $events): array
    {
        return (new self($app, $events))->relay->sentMessages();
    }

    public function stderrText(): string
    {
        rewind($this->stderr);

        return (string) stream_get_contents($this->stderr);
    }
}
