<?php
// A handler for connection-hosted mode's end-to-end tests. It keeps per-connection state in PHP (allowed in hosted
// mode only: there the same $conn lives from open to close on one worker), and can misbehave on purpose.
//   echo:TEXT          -> send TEXT back
//   count              -> send how many messages this connection has sent, counted in PHP (not in metadata)
//   pid                -> send the pid of the PHP worker hosting this connection
//   close:CODE:REASON  -> close this connection
//   sleep:MS           -> block for MS milliseconds, then send 'woke'
//   die                -> the PHP process exits in the middle of the event
//   garbage            -> write a well-framed payload that is not JSON straight to Dispatch's socket
//   oversized          -> write a frame header announcing 2 GiB straight to Dispatch's socket
// Query on open: log=PATH appends "ID CODE REASON" to PATH on close (kept in PHP state from open to close).
// echo, close, sleep and die (and the close log) are common-ops.php, shared with contract.php.
$common = require __DIR__ . '/common-ops.php';
$state = new WeakMap();

$rawWrite = static function (string $bytes): void {
    foreach (get_resources('stream') as $stream) {
        if (stream_get_meta_data($stream)['stream_type'] === 'unix_socket') {
            fwrite($stream, $bytes);
        }
    }
};

return new VPhp\VSlim\WebSocket\App(
    onOpen: function ($conn, array $frame) use ($state) {
        $state[$conn] = ['count' => 0, 'log' => $frame['query']['log'] ?? null];
        $conn->send('welcome:' . $conn->id());
    },
    onMessage: function ($conn, string $data, array $frame) use ($state, $rawWrite, $common) {
        $mine = $state[$conn] ?? ['count' => 0, 'log' => null];
        $mine['count']++;
        $state[$conn] = $mine;
        [$op, $rest] = array_pad(explode(':', $data, 2), 2, '');
        if ($common['handle']($conn, $op, $rest)) {
            return;
        }
        switch ($op) {
            case 'count':
                $conn->send((string) $mine['count']);
                break;
            case 'pid':
                $conn->send((string) getmypid());
                break;
            case 'garbage':
                $rawWrite(pack('N', 9) . 'not json!');
                break;
            case 'oversized':
                $rawWrite(pack('N', 0x7fffffff));
                break;
            default:
                $conn->send('unknown:' . $data);
        }
    },
    onClose: function ($conn, int $code, string $reason, array $frame) use ($state, $common) {
        $common['logClose']($state[$conn]['log'] ?? null, $conn, $code, $reason);
    },
);
