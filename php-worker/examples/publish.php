<?php

declare(strict_types=1);

/*
 * "Order shipped -> tell user 42": pushing to websockets from an ordinary
 * PHP-FPM request (or a queue consumer, a cron job) through Dispatch's
 * server API.
 *
 * Configure the app's environment (PHP-FPM pool: env[DISPATCH_API_URL] = ...):
 *   DISPATCH_API_URL    Dispatch's API listener (default http://127.0.0.1:8081)
 *   DISPATCH_API_TOKEN  the token Dispatch was given in Dispatch__Api__Token
 *
 * From the command line:   php examples/publish.php USER_ID ORDER_ID
 * Behind PHP-FPM:          GET /publish.php?user=42&order=1001
 *
 * Every connection bound to the user (the worker called $conn->bindUser())
 * receives one text message:
 *   {"type":"order_shipped","order":"1001"}
 */

use Dispatch\Client\DispatchClient;
use Dispatch\Client\Exception\ClientException;

require __DIR__ . '/../autoload.php'; // with Composer: require 'vendor/autoload.php';

$cli = PHP_SAPI === 'cli';
$userId = (string) ($cli ? ($argv[1] ?? '42') : ($_GET['user'] ?? '42'));
$orderId = (string) ($cli ? ($argv[2] ?? '1001') : ($_GET['order'] ?? '1001'));

$dispatch = DispatchClient::fromEnvironment();
try {
    $delivered = $dispatch->sendToUser($userId, json_encode(['type' => 'order_shipped', 'order' => $orderId], JSON_THROW_ON_ERROR));
} catch (ClientException $e) {
    // The order is shipped either way; the push is a notification, not the record.
    // The message never contains the token, so it is safe to log.
    error_log('order_shipped push failed: ' . $e->getMessage());
    if (!$cli) {
        http_response_code(502);
        echo json_encode(['pushed' => false]);
    }
    exit(1);
}

echo $cli
    ? sprintf("user %s: delivered to %d connection(s)\n", $userId, $delivered)
    : json_encode(['pushed' => true, 'connections' => $delivered]);
