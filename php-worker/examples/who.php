<?php

declare(strict_types=1);

/*
 * A worker handler that calls Dispatch's server API while handling an event:
 * presence ("who is in my room?") without keeping any state in PHP.
 *
 * Dispatch gives its workers the API address and token in DISPATCH_API_URL
 * and DISPATCH_API_TOKEN (set them with Dispatch__Workers__Environment__...,
 * or in Dispatch's own environment, which workers inherit).
 *
 * Connect:  ws://HOST/ws?room=ROOM&user=USER_ID&nick=NAME   (all optional; room defaults to "lobby")
 *
 * Server -> client:
 *   {"type":"welcome","id":..,"room":..}                         on connect
 *   {"type":"who","room":..,"count":N,"members":[{"id","user_id","nick"}]}   answer to "who"
 *   {"type":"error","error":..}                                  the API call failed
 * Client -> server: "who"; anything else is ignored.
 */

use Dispatch\Client\DispatchClient;
use Dispatch\Client\Exception\ClientException;
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

// Once per worker process: the client holds no connection, only settings.
$api = DispatchClient::fromEnvironment(timeout: 3.0);

$json = static fn (array $message): string => json_encode($message, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);

return new App(
    onOpen: static function (Connection $conn, array $frame) use ($json): void {
        $query = is_array($frame['query'] ?? null) ? $frame['query'] : [];
        $room = is_string($query['room'] ?? null) && $query['room'] !== '' ? $query['room'] : 'lobby';
        $conn->join($room);
        if (is_string($query['user'] ?? null) && $query['user'] !== '') {
            $conn->bindUser($query['user']);
        }
        if (is_string($query['nick'] ?? null) && $query['nick'] !== '') {
            $conn->set('nick', $query['nick']);
        }
        $conn->send($json(['type' => 'welcome', 'id' => $conn->id(), 'room' => $room]));
    },

    onMessage: static function (Connection $conn, string $data) use ($api, $json): void {
        if (trim($data) !== 'who') {
            return;
        }
        foreach ($conn->rooms() as $room) {
            try {
                $presence = $api->roomMembers($room);
            } catch (ClientException $e) {
                // The message carries no token; it is safe to log.
                error_log('who: ' . $e->getMessage());
                $conn->send($json(['type' => 'error', 'error' => 'presence is unavailable']));

                return;
            }
            $members = array_map(
                static fn (array $m): array => ['id' => $m['id'], 'user_id' => $m['user_id'], 'nick' => $m['attrs']['nick'] ?? null],
                $presence['members'],
            );
            $conn->send($json(['type' => 'who', 'room' => $room, 'count' => $presence['count'], 'members' => $members]));
        }
    },
);
