<?php
// A handler written only from CONTRACT 6, driven by the end-to-end tests with a small text protocol:
//   echo:TEXT             -> send TEXT back
//   id                    -> send this connection's id
//   set:KEY=VALUE         -> set an attr
//   bind:USER             -> bind the connection to a user
//   meta                  -> send json of the event's metadata snapshot
//   to:ID:TEXT            -> sendTo another connection
//   user:USER:TEXT        -> sendToUser
//   bcast:ROOM:TEXT       -> broadcast to ROOM except the sender
//   bigcast:ROOM:BYTES    -> broadcast BYTES bytes of 'x' to ROOM except the sender
//   join:ROOM / leave:ROOM
//   close:CODE:REASON     -> close this connection
//   throw                 -> the handler throws (worker_runtime_error)
//   die                   -> the PHP process exits in the middle of the event
//   sleep:MS              -> the handler blocks for MS milliseconds, then sends 'woke'
//   bin                   -> echo as binary (the message's raw bytes)
// Query on open: throw=1 throws (HTTP 500); reject=1 rejects (403); status=N rejects with that HTTP status; room=R joins R; user=U binds U;
// observe=1 joins "observers", which receive a JSON notice for every close. When the environment names a file in
// DISPATCH_TEST_CLOSE_LOG, every close is also appended there as "ID CODE REASON".
// echo, close, sleep and die (and the close log) are common-ops.php, shared with hosted.php.
$common = require __DIR__ . '/common-ops.php';

return new VPhp\VSlim\WebSocket\App(
    onOpen: function ($conn, array $frame) {
        $query = $frame['query'] ?? [];
        if (($query['throw'] ?? '') === '1') {
            throw new RuntimeException('open failed on purpose: secret detail');
        }
        if (($query['reject'] ?? '') === '1') {
            return false;
        }
        if (isset($query['status'])) {
            $conn->close(1008, 'not allowed', (int) $query['status']);
            return;
        }
        if (isset($query['room'])) {
            $conn->join($query['room']);
        }
        if (isset($query['user'])) {
            $conn->bindUser($query['user']);
        }
        if (($query['observe'] ?? '') === '1') {
            $conn->join('observers');
        }
        $conn->send('welcome:' . $conn->id());
    },
    onMessage: function ($conn, string $data, array $frame) use ($common) {
        if (($frame['opcode'] ?? 'text') === 'binary') {
            $conn->send($data, 'binary');
            return;
        }
        [$op, $rest] = array_pad(explode(':', $data, 2), 2, '');
        if ($common['handle']($conn, $op, $rest)) {
            return;
        }
        switch ($op) {
            case 'id':
                $conn->send($conn->id());
                break;
            case 'set':
                [$key, $value] = explode('=', $rest, 2);
                $conn->set($key, $value);
                $conn->send('ok');
                break;
            case 'bind':
                $conn->bindUser($rest);
                $conn->send('ok');
                break;
            case 'meta':
                $conn->send(json_encode($frame['metadata'] ?? null));
                break;
            case 'to':
                [$id, $text] = explode(':', $rest, 2);
                $conn->sendTo($id, $text);
                $conn->send('ok');
                break;
            case 'user':
                [$user, $text] = explode(':', $rest, 2);
                $conn->sendToUser($user, $text);
                $conn->send('ok');
                break;
            case 'bcast':
                [$room, $text] = explode(':', $rest, 2);
                $conn->broadcast($room, $text, exceptId: $conn->id());
                $conn->send('ok');
                break;
            case 'bigcast':
                [$room, $size] = explode(':', $rest, 2);
                $conn->broadcast($room, str_repeat('x', (int) $size), exceptId: $conn->id());
                $conn->send('ok');
                break;
            case 'join':
                $conn->join($rest);
                $conn->send('ok');
                break;
            case 'leave':
                $conn->leave($rest);
                $conn->send('ok');
                break;
            case 'throw':
                throw new RuntimeException('handler failed on purpose');
            default:
                $conn->send('unknown:' . $data);
        }
    },
    onClose: function ($conn, int $code, string $reason, array $frame) use ($common) {
        $log = getenv('DISPATCH_TEST_CLOSE_LOG');
        $common['logClose'](is_string($log) ? $log : null, $conn, $code, $reason);
        $conn->broadcast('observers', json_encode(['closed' => $conn->id(), 'code' => $code, 'reason' => $reason]), exceptId: $conn->id());
    },
);
