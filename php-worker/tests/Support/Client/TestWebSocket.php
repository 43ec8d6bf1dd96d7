<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Support\Client;

/**
 * A minimal RFC 6455 client (PHPUnit has none) so the integration tests can
 * see what the API delivered: a real TCP connection and real frames. Every
 * wait has a deadline and fails the test; none synchronises it.
 */
final class TestWebSocket
{
    public const TIMEOUT_SECONDS = 15.0;

    /** @var resource */
    private $socket;
    private string $buffer = '';

    /** @param resource $socket */
    private function __construct($socket, string $leftover)
    {
        $this->socket = $socket;
        $this->buffer = $leftover;
    }

    public static function connect(string $url): self
    {
        $parts = parse_url($url);
        $socket = @stream_socket_client('tcp://' . $parts['host'] . ':' . $parts['port'], $errno, $errstr, self::TIMEOUT_SECONDS);
        if ($socket === false) {
            throw new \RuntimeException("websocket connect to $url failed: $errstr");
        }
        $key = base64_encode(random_bytes(16));
        $target = ($parts['path'] ?? '/') . (isset($parts['query']) ? '?' . $parts['query'] : '');
        fwrite($socket, "GET $target HTTP/1.1\r\nHost: {$parts['host']}:{$parts['port']}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            . "Sec-WebSocket-Key: $key\r\nSec-WebSocket-Version: 13\r\n\r\n");
        $ws = new self($socket, '');
        $head = $ws->readUntil("\r\n\r\n");
        if (!str_starts_with($head, 'HTTP/1.1 101')) {
            throw new \RuntimeException('websocket upgrade refused: ' . strtok($head, "\r\n"));
        }
        $accept = base64_encode(sha1($key . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true));
        if (stripos($head, "Sec-WebSocket-Accept: $accept") === false) {
            throw new \RuntimeException('bad Sec-WebSocket-Accept');
        }

        return $ws;
    }

    public function sendText(string $text): void
    {
        $this->writeFrame(0x1, $text);
    }

    /**
     * The next data message.
     *
     * @return array{0: string, 1: string} [opcode 'text'|'binary', payload]
     */
    public function receive(): array
    {
        $message = '';
        $opcode = null;
        while (true) {
            [$fin, $op, $payload] = $this->readFrame();
            if ($op === 0x8) {
                $code = strlen($payload) >= 2 ? unpack('n', $payload)[1] : 1005;
                throw new \RuntimeException(sprintf('closed by the server: %d %s', $code, substr($payload, 2)));
            }
            if ($op === 0x9) {
                $this->writeFrame(0xA, $payload);
                continue;
            }
            if ($op === 0xA) {
                continue;
            }
            $opcode ??= $op;
            $message .= $payload;
            if ($fin) {
                return [$opcode === 0x2 ? 'binary' : 'text', $message];
            }
        }
    }

    public function receiveText(): string
    {
        [$opcode, $payload] = $this->receive();
        if ($opcode !== 'text') {
            throw new \RuntimeException('expected a text message, got binary');
        }

        return $payload;
    }

    /**
     * @return array<string, mixed>
     */
    public function receiveJson(): array
    {
        return json_decode($this->receiveText(), true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * Reads until the server's close frame; data messages before it are an error.
     *
     * @return array{0: int, 1: string} [code, reason]
     */
    public function receiveClose(): array
    {
        while (true) {
            [, $op, $payload] = $this->readFrame();
            if ($op === 0x8) {
                return [strlen($payload) >= 2 ? unpack('n', $payload)[1] : 1005, substr($payload, 2)];
            }
            if ($op === 0x1 || $op === 0x2) {
                throw new \RuntimeException('expected a close frame, got data: ' . $payload);
            }
        }
    }

    public function close(): void
    {
        if (is_resource($this->socket)) {
            @fwrite($this->socket, $this->frame(0x8, pack('n', 1000)));
            fclose($this->socket);
        }
    }

    private function writeFrame(int $opcode, string $payload): void
    {
        fwrite($this->socket, $this->frame($opcode, $payload));
    }

    private function frame(int $opcode, string $payload): string
    {
        $length = strlen($payload);
        $head = chr(0x80 | $opcode);
        $head .= match (true) {
            $length < 126 => chr(0x80 | $length),
            $length < 65536 => chr(0x80 | 126) . pack('n', $length),
            default => chr(0x80 | 127) . pack('J', $length),
        };
        $mask = random_bytes(4);

        return $head . $mask . ($payload ^ str_repeat($mask, intdiv($length, 4) + 1));
    }

    /**
     * @return array{0: bool, 1: int, 2: string}
     */
    private function readFrame(): array
    {
        $head = $this->read(2);
        $length = ord($head[1]) & 0x7F;
        if ($length === 126) {
            $length = unpack('n', $this->read(2))[1];
        } elseif ($length === 127) {
            $length = unpack('J', $this->read(8))[1];
        }

        return [(ord($head[0]) & 0x80) !== 0, ord($head[0]) & 0x0F, $length === 0 ? '' : $this->read($length)];
    }

    private function read(int $bytes): string
    {
        $deadline = microtime(true) + self::TIMEOUT_SECONDS;
        while (strlen($this->buffer) < $bytes) {
            $this->fill($deadline);
        }
        $out = substr($this->buffer, 0, $bytes);
        $this->buffer = substr($this->buffer, $bytes);

        return $out;
    }

    private function readUntil(string $marker): string
    {
        $deadline = microtime(true) + self::TIMEOUT_SECONDS;
        while (($at = strpos($this->buffer, $marker)) === false) {
            $this->fill($deadline);
        }
        $out = substr($this->buffer, 0, $at + strlen($marker));
        $this->buffer = substr($this->buffer, $at + strlen($marker));

        return $out;
    }

    private function fill(float $deadline): void
    {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            throw new \RuntimeException(sprintf('nothing from the websocket within %.0f s', self::TIMEOUT_SECONDS));
        }
        $read = [$this->socket];
        $write = $except = null;
        if (stream_select($read, $write, $except, (int) $left, (int) (fmod($left, 1) * 1e6)) === 0) {
            return;
        }
        $chunk = fread($this->socket, 65536);
        if ($chunk === '' || $chunk === false) {
            if (feof($this->socket)) {
                throw new \RuntimeException('the websocket connection ended');
            }

            return;
        }
        $this->buffer .= $chunk;
    }
}
