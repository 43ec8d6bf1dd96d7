<?php

declare(strict_types=1);

// Stray output at load time and inside the handler must never reach STDOUT.
echo "loading noisy app\n";

return static function (array $frame, VPhp\VHttpd\PhpWorker\WebSocket\Connection $conn): void {
    echo 'noisy handler saw ' . $frame['event'] . "\n";
    var_dump($frame['id']);
    if ($frame['event'] === 'message') {
        trigger_error('a handler warning', E_USER_WARNING);
        $conn->send('quiet');
    }
};
