<?php

declare(strict_types=1);

/*
 * Dispatch's demo chat (the app Dispatch runs when none is configured).
 *
 * Stateless, as message-dispatch mode requires: nothing is kept in PHP
 * between events. The nickname lives in the connection's metadata attrs
 * ("nick"), the room in its room membership; every event brings both back
 * in its metadata snapshot.
 *
 * Connect:  ws://HOST/ws/chat?room=ROOM&nick=NAME
 *           room defaults to "lobby", nick to "guest-XXXXXX". Both must be
 *           1-32 characters of letters, digits, "-", "_" or "."; anything
 *           else is replaced by the default.
 *
 * Client -> server (text frames):
 *   hello everyone             a chat message (so is {"text":"hello"})
 *   /nick NAME                 change nickname
 *   /join ROOM                 switch room: leave the current one, join ROOM
 *   /who                       who am I: nick, id and rooms
 *
 * Server -> client (JSON text frames):
 *   {"type":"welcome","id":..,"nick":..,"room":..}     to you, on connect
 *   {"type":"join","nick":..,"room":..}                someone else joined your room
 *   {"type":"leave","nick":..,"room":..}               someone left your room
 *   {"type":"nick","from":OLD,"nick":NEW,"room":..}    someone renamed (you too)
 *   {"type":"message","from":NICK,"text":..,"room":..} a chat message (never your own)
 *   {"type":"ack"}                                     your message went out
 *   {"type":"who","id":..,"nick":..,"rooms":[..]}      answer to /who
 *   {"type":"error","error":..}                        your input was refused
 */

use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

// Locals, not constants: a constant would fail the second time the file is loaded (tests do that).
$namePattern = '/^[A-Za-z0-9._-]{1,32}$/';
$maxTextBytes = 4000;

$json = static fn (array $message): string => json_encode(
    $message,
    JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE,
);

$nameOr = static function (mixed $candidate, string $default) use ($namePattern): string {
    return is_string($candidate) && preg_match($namePattern, $candidate) === 1 ? $candidate : $default;
};

$nickOf = static fn (Connection $conn): string => $conn->get('nick') ?? 'guest-' . substr($conn->id(), 0, 6);

$announce = static function (Connection $conn, array $rooms, array $message) use ($json): void {
    foreach ($rooms as $room) {
        $conn->broadcast($room, $json($message + ['room' => $room]), exceptId: $conn->id());
    }
};

return new App(
    onOpen: static function (Connection $conn, array $frame) use ($json, $nameOr, $announce): void {
        $query = is_array($frame['query'] ?? null) ? $frame['query'] : [];
        $room = $nameOr($query['room'] ?? null, 'lobby');
        $nick = $nameOr($query['nick'] ?? null, 'guest-' . substr($conn->id(), 0, 6));

        $conn->set('nick', $nick);
        $conn->join($room);
        $conn->send($json(['type' => 'welcome', 'id' => $conn->id(), 'nick' => $nick, 'room' => $room]));
        $announce($conn, [$room], ['type' => 'join', 'nick' => $nick]);
    },

    onMessage: static function (Connection $conn, string $data, array $frame) use ($json, $nameOr, $nickOf, $announce, $maxTextBytes): void {
        if (($frame['opcode'] ?? 'text') !== 'text') {
            $conn->send($json(['type' => 'error', 'error' => 'binary messages are not supported']));

            return;
        }
        $decoded = json_decode($data, true);
        $text = trim(is_array($decoded) && is_string($decoded['text'] ?? null) ? $decoded['text'] : $data);
        $nick = $nickOf($conn);

        if (preg_match('~^/(\w+)\s*(.*)$~s', $text, $m) === 1) {
            [, $command, $argument] = $m;
            $argument = trim($argument);
            switch ($command) {
                case 'nick':
                    $new = $nameOr($argument, '');
                    if ($new === '') {
                        $conn->send($json(['type' => 'error', 'error' => 'usage: /nick NAME (1-32 of A-Z a-z 0-9 . _ -)']));

                        return;
                    }
                    $conn->set('nick', $new);
                    foreach ($conn->rooms() as $room) {
                        // Sent to everyone in the room, the renamer included, as confirmation.
                        $conn->broadcast($room, $json(['type' => 'nick', 'from' => $nick, 'nick' => $new, 'room' => $room]));
                    }

                    return;
                case 'join':
                    $room = $nameOr($argument, '');
                    if ($room === '') {
                        $conn->send($json(['type' => 'error', 'error' => 'usage: /join ROOM (1-32 of A-Z a-z 0-9 . _ -)']));

                        return;
                    }
                    $old = array_values(array_filter($conn->rooms(), static fn (string $r): bool => $r !== $room));
                    $announce($conn, $old, ['type' => 'leave', 'nick' => $nick]);
                    $conn->replaceRooms([$room]);
                    $conn->send($json(['type' => 'welcome', 'id' => $conn->id(), 'nick' => $nick, 'room' => $room]));
                    $announce($conn, [$room], ['type' => 'join', 'nick' => $nick]);

                    return;
                case 'who':
                    $conn->send($json(['type' => 'who', 'id' => $conn->id(), 'nick' => $nick, 'rooms' => $conn->rooms()]));

                    return;
                default:
                    $conn->send($json(['type' => 'error', 'error' => sprintf('unknown command /%s', $command)]));

                    return;
            }
        }

        if ($text === '') {
            $conn->send($json(['type' => 'error', 'error' => 'empty message']));

            return;
        }
        if (strlen($text) > $maxTextBytes) {
            $conn->send($json(['type' => 'error', 'error' => sprintf('message longer than %d bytes', $maxTextBytes)]));

            return;
        }
        foreach ($conn->rooms() as $room) {
            $conn->broadcast($room, $json(['type' => 'message', 'from' => $nick, 'text' => $text, 'room' => $room]), exceptId: $conn->id());
        }
        $conn->send($json(['type' => 'ack']));
    },

    onClose: static function (Connection $conn, int $code, string $reason, array $frame) use ($nickOf, $announce): void {
        // Rooms from the metadata snapshot: the closing connection is still listed.
        $announce($conn, $conn->rooms(), ['type' => 'leave', 'nick' => $nickOf($conn)]);
    },
);
