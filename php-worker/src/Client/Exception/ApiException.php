<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * Dispatch answered with an error status (or with something that is not the
 * API's JSON). Carries the HTTP status, the API's `error` code (e.g.
 * `invalid_request`, `unauthorized`, `unknown_connection`) and, for
 * validation failures, every problem the server found.
 */
class ApiException extends ClientException
{
    /**
     * @param list<string> $problems
     */
    public function __construct(
        string $message,
        private readonly int $status,
        private readonly ?string $errorCode,
        private readonly array $problems = [],
    ) {
        parent::__construct($message, $status);
    }

    /** The HTTP status code. */
    public function status(): int
    {
        return $this->status;
    }

    /** The API's machine-readable `error` field; null when the body was not the API's JSON. */
    public function errorCode(): ?string
    {
        return $this->errorCode;
    }

    /**
     * The validator's findings (400 `invalid_request`), one sentence each.
     *
     * @return list<string>
     */
    public function problems(): array
    {
        return $this->problems;
    }
}
