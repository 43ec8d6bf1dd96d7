<?php

declare(strict_types=1);

namespace Dispatch\Worker\Handler;

use Dispatch\Worker\WebSocket\App;
use Dispatch\Worker\WebSocket\ConnectionInterface;

/**
 * Turns whatever the app file returned into one callable, in vhttpd's order
 * (reference notes 2.2): an App; an array's 'websocket' entry; an object
 * with handleWebSocket (or the onWebSocketOpen/Message/Close/Presence family); any
 * callable, called as ($frame, $conn).
 */
final class HandlerResolver
{
    private const EVENT_METHODS = [
        'open' => ['onWebSocketOpen', 'on_websocket_open'],
        'message' => ['onWebSocketMessage', 'on_websocket_message'],
        'close' => ['onWebSocketClose', 'on_websocket_close'],
        'presence' => ['onWebSocketPresence', 'on_websocket_presence'],
    ];

    /**
     * @return (\Closure(array<string, mixed>, ConnectionInterface): mixed)|null null when nothing usable was returned
     */
    public static function resolve(mixed $app): ?\Closure
    {
        if ($app instanceof App) {
            return $app->handle(...);
        }
        if (is_array($app) && array_key_exists('websocket', $app)) {
            return is_array($app['websocket']) ? null : self::resolve($app['websocket']);
        }
        if (is_object($app) && !$app instanceof \Closure) {
            foreach (['handleWebSocket', 'handle_websocket'] as $method) {
                if (method_exists($app, $method)) {
                    return $app->{$method}(...);
                }
            }
            if (self::hasEventMethods($app)) {
                return self::eventMethodsHandler($app);
            }
        }
        if (is_callable($app)) {
            return \Closure::fromCallable($app);
        }

        return null;
    }

    public static function describe(mixed $value): string
    {
        return is_object($value) ? 'an instance of ' . $value::class : 'a value of type ' . get_debug_type($value);
    }

    private static function hasEventMethods(object $app): bool
    {
        foreach (self::EVENT_METHODS as $names) {
            foreach ($names as $name) {
                if (method_exists($app, $name)) {
                    return true;
                }
            }
        }

        return false;
    }

    private static function eventMethodsHandler(object $app): \Closure
    {
        return static function (array $frame, ConnectionInterface $conn) use ($app): mixed {
            $event = $frame['event'] ?? null;
            foreach (self::EVENT_METHODS[$event] ?? [] as $name) {
                if (!method_exists($app, $name)) {
                    continue;
                }

                return match ($event) {
                    'open' => $app->{$name}($conn, $frame),
                    'message' => $app->{$name}($conn, (string) ($frame['data'] ?? ''), $frame),
                    'close' => $app->{$name}($conn, (int) ($frame['code'] ?? 1000), (string) ($frame['reason'] ?? ''), $frame),
                    'presence' => $app->{$name}($conn, (string) ($frame['room'] ?? ''), (string) ($frame['action'] ?? ''), $frame),
                };
            }

            return null;
        };
    }
}
