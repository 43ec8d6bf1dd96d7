<?php

declare(strict_types=1);

namespace Dispatch\Client\Transport;

/**
 * One HTTP answer, whatever its status: interpreting it is the client's job.
 */
final class HttpResponse
{
    /**
     * @param array<string, string> $headers lower-case names
     */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }
}
