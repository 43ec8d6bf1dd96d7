<?php
// The text-protocol operations that contract.php and hosted.php answer the same way, so the two test apps share one
// implementation of them. Returns a function that handles OP:REST when it is one of these and says whether it did:
//   echo:TEXT          -> send TEXT back
//   close:CODE:REASON  -> close this connection
//   sleep:MS           -> block for MS milliseconds, then send 'woke'
//   die                -> the PHP process exits in the middle of the event
//   ini:NAME           -> send the worker's ini_get(NAME) as JSON (false when there is no such setting)
// and a function appending "ID CODE REASON" to a close log file (when one is named).
return [
    'handle' => static function ($conn, string $op, string $rest): bool {
        switch ($op) {
            case 'echo':
                $conn->send($rest);
                return true;
            case 'close':
                [$code, $reason] = explode(':', $rest, 2);
                $conn->close((int) $code, $reason);
                return true;
            case 'sleep':
                usleep((int) $rest * 1000);
                $conn->send('woke');
                return true;
            case 'die':
                exit(1);
            case 'ini':
                $conn->send(json_encode(ini_get($rest)));
                return true;
            default:
                return false;
        }
    },
    'logClose' => static function (?string $log, $conn, int $code, string $reason): void {
        if (is_string($log) && $log !== '') {
            file_put_contents($log, $conn->id() . ' ' . $code . ' ' . $reason . "\n", FILE_APPEND | LOCK_EX);
        }
    },
];
