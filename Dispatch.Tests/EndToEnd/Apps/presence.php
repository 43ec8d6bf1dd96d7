<?php
// The presence test app (issue 6): announces joins and leaves of presence rooms to the rest of the room.
//   open query:  user=NAME (bound as the user id), rooms=A,B (joined), log=PATH (optional event log)
//   messages:    kick:ROOM (kick_room, then rejoin it), rooms:A,B (replace_rooms), leave:ROOM, join:ROOM
//   presence:    broadcast "ACTION:USER" to the room, except the subject
//   close:       broadcast "closed:USER" to the rooms the connection is still in, except itself
// With a log, every presence and close event appends "ID presence ROOM ACTION CAUSE" or "ID close CODE".
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

$log = static function (array $frame, string $line): void {
    $path = $frame['query']['log'] ?? '';
    if (is_string($path) && $path !== '') {
        file_put_contents($path, $frame['id'] . ' ' . $line . "\n", FILE_APPEND | LOCK_EX);
    }
};

return new App(
    onOpen: static function (Connection $conn, array $frame): void {
        $conn->bindUser((string) ($frame['query']['user'] ?? 'anon'));
        foreach (explode(',', (string) ($frame['query']['rooms'] ?? '')) as $room) {
            $conn->join($room);
        }
    },
    onMessage: static function (Connection $conn, string $data): void {
        [$op, $rest] = array_pad(explode(':', $data, 2), 2, '');
        match ($op) {
            'kick' => (static function () use ($conn, $rest): void {
                $conn->kickRoom($rest);
                $conn->join($rest);
            })(),
            'rooms' => $conn->replaceRooms(array_values(array_filter(explode(',', $rest)))),
            'leave' => $conn->leave($rest),
            'join' => $conn->join($rest),
            default => $conn->send('unknown:' . $data),
        };
    },
    onClose: static function (Connection $conn, int $code, string $reason, array $frame) use ($log): void {
        $log($frame, 'close ' . $code);
        foreach ($conn->rooms() as $room) {
            $conn->broadcast($room, 'closed:' . $conn->userId(), exceptId: $conn->id());
        }
    },
    onPresence: static function (Connection $conn, string $room, string $action, array $frame) use ($log): void {
        $log($frame, 'presence ' . $room . ' ' . $action . ' ' . $frame['cause']);
        $conn->broadcast($room, $action . ':' . $conn->userId(), exceptId: $conn->id());
    },
);
