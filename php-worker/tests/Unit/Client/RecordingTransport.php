<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Client;

use Dispatch\Client\Transport\HttpResponse;
use Dispatch\Client\Transport\TransportInterface;

/**
 * Unit-test transport: records each request and answers from a queue.
 */
final class RecordingTransport implements TransportInterface
{
    /** @var list<array{method: string, url: string, headers: array<string, string>, body: ?string, timeout: float}> */
    public array $requests = [];

    /** @var list<HttpResponse> */
    private array $answers = [];

    public function answer(int $status, string $body, array $headers = ['content-type' => 'application/json']): self
    {
        $this->answers[] = new HttpResponse($status, $headers, $body);

        return $this;
    }

    /**
     * @param array<string, mixed> $body
     */
    public function answerJson(int $status, array $body): self
    {
        return $this->answer($status, json_encode($body, JSON_THROW_ON_ERROR));
    }

    public function request(string $method, string $url, array $headers, ?string $body, float $timeoutSeconds): HttpResponse
    {
        $this->requests[] = ['method' => $method, 'url' => $url, 'headers' => $headers, 'body' => $body, 'timeout' => $timeoutSeconds];
        if ($this->answers === []) {
            throw new \LogicException("unexpected request $method $url");
        }

        return array_shift($this->answers);
    }

    /**
     * @return array{method: string, url: string, headers: array<string, string>, body: ?string, timeout: float}
     */
    public function last(): array
    {
        return $this->requests[array_key_last($this->requests)];
    }

    /**
     * @return array<string, mixed>|null
     */
    public function lastJson(): ?array
    {
        $body = $this->last()['body'];

        return $body === null ? null : json_decode($body, true, 512, JSON_THROW_ON_ERROR);
    }
}
