<?php

declare(strict_types=1);

namespace Dispatch\Client;

use Dispatch\Client\Exception\ApiException;
use Dispatch\Client\Exception\InvalidRequestException;
use Dispatch\Client\Exception\NotFoundException;
use Dispatch\Client\Exception\PayloadTooLargeException;
use Dispatch\Client\Exception\UnauthorizedException;
use Dispatch\Client\Exception\UnknownConnectionException;
use Dispatch\Client\Transport\HttpResponse;

/**
 * The one place an error answer becomes an exception. Messages are built
 * from the route, the status and the API's own words, never from request
 * headers, so the token cannot leak into a log.
 *
 * @internal
 */
final class ExceptionFactory
{
    private const MAX_QUOTED_BODY = 200;

    public static function fromResponse(HttpResponse $response, string $route): ApiException
    {
        $body = json_decode($response->body, true);
        $error = is_array($body) && is_string($body['error'] ?? null) ? $body['error'] : null;
        $detail = is_array($body) && is_string($body['message'] ?? null) ? $body['message'] : null;
        $problems = is_array($body) && is_array($body['problems'] ?? null)
            ? array_values(array_map('strval', array_filter($body['problems'], 'is_scalar')))
            : [];

        if ($error === null) {
            // Not the API talking: a proxy's error page, a wrong port, an older Dispatch.
            $snippet = trim(substr($response->body, 0, self::MAX_QUOTED_BODY));
            $detail = $snippet === '' ? 'empty body' : 'body: ' . self::printable($snippet);
        }
        $message = sprintf('%s failed: HTTP %d%s%s', $route, $response->status, $error === null ? '' : ' ' . $error, $detail === null ? '' : ': ' . $detail);
        if ($problems !== []) {
            $message .= ' (' . implode('; ', $problems) . ')';
        }

        return match (true) {
            $response->status === 401 => new UnauthorizedException($message, 401, $error, $problems),
            $response->status === 400 => new InvalidRequestException($message, 400, $error, $problems),
            $response->status === 413 => new PayloadTooLargeException($message, 413, $error, $problems),
            $response->status === 404 && $error === 'unknown_connection' => new UnknownConnectionException($message, 404, $error, $problems),
            $response->status === 404 => new NotFoundException($message, 404, $error, $problems),
            default => new ApiException($message, $response->status, $error, $problems),
        };
    }

    private static function printable(string $text): string
    {
        return (string) preg_replace('/[^\x20-\x7E]+/', ' ', $text);
    }
}
