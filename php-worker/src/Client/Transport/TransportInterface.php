<?php

declare(strict_types=1);

namespace Dispatch\Client\Transport;

use Dispatch\Client\Exception\TransportException;

/**
 * Sends one HTTP request. Every status is a response (4xx and 5xx included);
 * only "no answer" is an exception.
 */
interface TransportInterface
{
    /**
     * @param array<string, string> $headers
     *
     * @throws TransportException connection refused, timeout, or a broken response
     */
    public function request(string $method, string $url, array $headers, ?string $body, float $timeoutSeconds): HttpResponse;
}
