<?php

declare(strict_types=1);

// Run by PhpClientScenarios under the php-cli, the way a PHP-FPM app would use Dispatch: only the documented client
// (php-worker/autoload.php + Dispatch\Client\DispatchClient::fromEnvironment()). Prints one JSON object on stdout.
//   php api-client-script.php deliver ROOM EXCEPT_ID USER_ID CONNECTION_ID
//       publish "room hello" to ROOM except EXCEPT_ID, a binary publish, "user hello" to USER_ID,
//       "connection hello" to CONNECTION_ID; then reads the room's members and the counts
//   php api-client-script.php probe
//       the errors: every call is expected to fail; prints class, status, error code and problems of each

use Dispatch\Client\DispatchClient;
use Dispatch\Client\Exception\ApiException;
use Dispatch\Client\Exception\ClientException;

require getenv('DISPATCH_PHP_WORKER') . '/autoload.php';

$client = DispatchClient::fromEnvironment(timeout: 10.0);
$out = [];
switch ($argv[1] ?? '') {
    case 'deliver':
        [, , $room, $exceptId, $userId, $connectionId] = $argv;
        $out['publish'] = $client->publish($room, 'room hello', exceptId: $exceptId);
        $out['publish_binary'] = $client->publish($room, "\x00\x01\xFEbin", 'binary', $exceptId);
        $out['send_to_user'] = $client->sendToUser($userId, 'user hello');
        $out['send_to_connection'] = $client->sendToConnection($connectionId, 'connection hello');
        $out['members'] = $client->roomMembers($room);
        $out['counts'] = $client->counts();
        $out['connection'] = $client->connection($connectionId);
        $out['unknown_connection'] = $client->connection('no-such-connection');
        break;
    case 'probe':
        $url = getenv('DISPATCH_API_URL');
        $calls = [
            'missing_token' => static fn () => (new DispatchClient($url, null))->counts(),
            'wrong_token' => static fn () => (new DispatchClient($url, 'wrong-token'))->publish('lobby', 'x'),
            'bad_opcode' => static fn () => $client->publish('lobby', 'x', 'ping'),
            'bad_close_code' => static fn () => $client->closeUser('42', 1006),
            'unknown_connection' => static fn () => $client->sendToConnection('no-such-connection', 'x'),
            'nothing_listening' => static fn () => (new DispatchClient('http://127.0.0.1:9', 'secret', 2.0))->counts(),
        ];
        foreach ($calls as $name => $call) {
            try {
                $call();
                $out[$name] = 'no exception';
            } catch (ClientException $e) {
                $out[$name] = ['class' => (new ReflectionClass($e))->getShortName()]
                    + ($e instanceof ApiException ? ['status' => $e->status(), 'error' => $e->errorCode(), 'problems' => count($e->problems())] : [])
                    + ['token_in_message' => str_contains((string) $e, (string) getenv('DISPATCH_API_TOKEN')) || str_contains((string) $e, 'wrong-token')];
            }
        }
        break;
    default:
        fwrite(STDERR, "usage: api-client-script.php deliver|probe ...\n");
        exit(2);
}
echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
