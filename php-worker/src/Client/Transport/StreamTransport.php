<?php

declare(strict_types=1);

namespace Dispatch\Client\Transport;

use Dispatch\Client\Exception\TransportException;

/**
 * HTTP over PHP's own `http://` stream wrapper: no extension needed, so the
 * client runs on a plain `php-cli`/`php-fpm` (ext-openssl adds `https://`).
 * One connection per request (`Connection: close`); redirects are not
 * followed, so the token never travels to another host.
 */
final class StreamTransport implements TransportInterface
{
    public function request(string $method, string $url, array $headers, ?string $body, float $timeoutSeconds): HttpResponse
    {
        $headers += ['Connection' => 'close'];
        if ($body === null && $method !== 'GET') {
            // The wrapper sends no length for an empty body; say so explicitly.
            $headers['Content-Length'] = '0';
        }
        $lines = [];
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => implode("\r\n", $lines),
            'content' => $body ?? '',
            'timeout' => $timeoutSeconds,
            'ignore_errors' => true,
            'follow_location' => 0,
            'protocol_version' => 1.1,
        ]]);

        $warning = null;
        set_error_handler(static function (int $no, string $message) use (&$warning): bool {
            $warning = $message;

            return true;
        });
        $started = microtime(true);
        try {
            $stream = fopen($url, 'rb', false, $context);
            if ($stream === false) {
                // The wrapper reports a read timeout before the headers only as "HTTP request failed!".
                $reason = microtime(true) - $started >= $timeoutSeconds * 0.95
                    ? sprintf('no answer within %.1f s (%s)', $timeoutSeconds, self::reason($warning))
                    : self::reason($warning);
                throw new TransportException(sprintf('%s %s: %s', $method, self::display($url), $reason));
            }
            try {
                [$content, $timedOut] = self::readBody($stream, $started + $timeoutSeconds);
                $meta = stream_get_meta_data($stream);
            } finally {
                fclose($stream);
            }
        } finally {
            restore_error_handler();
        }

        if ($timedOut) {
            throw new TransportException(sprintf('%s %s: no complete response within %.1f s', $method, self::display($url), $timeoutSeconds));
        }
        if ($content === false) {
            throw new TransportException(sprintf('%s %s: reading the response failed: %s', $method, self::display($url), self::reason($warning)));
        }

        return self::parse($meta['wrapper_data'] ?? [], $content, $method, $url);
    }

    /**
     * Reads the body until the deadline: the context's timeout bounds each wait for data, so without this an answer
     * that keeps trickling in could hold the caller (a PHP-FPM request, or a worker) far longer than the timeout.
     *
     * @param resource $stream
     * @return array{0: string|false, 1: bool} the body (false when reading failed) and whether the deadline passed
     */
    private static function readBody($stream, float $deadline): array
    {
        $content = '';
        while (!feof($stream)) {
            $remaining = $deadline - microtime(true);
            if ($remaining <= 0) {
                return [$content, true];
            }
            stream_set_timeout($stream, (int) $remaining, (int) (($remaining - floor($remaining)) * 1_000_000));
            $chunk = fread($stream, 65536);
            if (stream_get_meta_data($stream)['timed_out']) {
                return [$content, true];
            }
            if ($chunk === false) {
                return [false, false];
            }
            $content .= $chunk;
        }

        return [$content, false];
    }

    /**
     * @param mixed $lines the wrapper's raw status and header lines
     */
    private static function parse(mixed $lines, string $body, string $method, string $url): HttpResponse
    {
        $status = null;
        $headers = [];
        foreach (is_array($lines) ? $lines : [] as $line) {
            if (!is_string($line)) {
                continue;
            }
            if (preg_match('~^HTTP/\S+\s+(\d{3})~', $line, $m) === 1) {
                // A 100 Continue or a redirect starts a new header block.
                $status = (int) $m[1];
                $headers = [];
            } elseif (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))] = trim($value);
            }
        }
        if ($status === null) {
            throw new TransportException(sprintf('%s %s: the answer had no HTTP status line', $method, self::display($url)));
        }

        return new HttpResponse($status, $headers, $body);
    }

    /**
     * The URL without credentials or query, for messages.
     */
    private static function display(string $url): string
    {
        $parts = parse_url($url);
        if ($parts === false || !isset($parts['scheme'], $parts['host'])) {
            return '(invalid URL)';
        }

        return $parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '') . ($parts['path'] ?? '');
    }

    private static function reason(?string $warning): string
    {
        if ($warning === null) {
            return 'unknown error';
        }
        // "fopen(http://...): Failed to open stream: Connection refused" -> "Connection refused"
        $at = stripos($warning, 'failed to open stream:');

        return trim($at === false ? $warning : substr($warning, $at + strlen('failed to open stream:')));
    }
}
