<?php

declare(strict_types=1);

namespace Dispatch\Worker\Compat;

use Dispatch\Worker\WebSocket\App;
use Dispatch\Worker\WebSocket\CommandBuffer;
use Dispatch\Worker\WebSocket\ConnectionInterface;
use Dispatch\Worker\WebSocket\HostedConnection;

/**
 * Maps the class names of the original PHP API onto this package.
 *
 * `Connection` is aliased to the common interface, not to the hosted class:
 * vhttpd's example handlers type-hint `Connection $conn`, and with an
 * interface alias they run unchanged in both modes (under vhttpd they broke
 * in dispatch mode with a TypeError).
 */
final class Aliases
{
    /** @var array<string, class-string> alias => original */
    public const MAP = [
        'VPhp\\VSlim\\WebSocket\\App' => App::class,
        'VPhp\\VHttpd\\PhpWorker\\WebSocket\\Connection' => ConnectionInterface::class,
        'VPhp\\VHttpd\\PhpWorker\\WebSocket\\CommandSink' => ConnectionInterface::class,
        'VPhp\\VHttpd\\PhpWorker\\WebSocket\\CommandBuffer' => CommandBuffer::class,
        'VPhp\\VHttpd\\PhpWorker\\WebSocket\\HostedConnection' => HostedConnection::class,
        // The same names without the VPhp vendor prefix, as vhttpd's snapshot spells them.
        'VSlim\\WebSocket\\App' => App::class,
        'VHttpd\\PhpWorker\\WebSocket\\Connection' => ConnectionInterface::class,
        'VHttpd\\PhpWorker\\WebSocket\\CommandSink' => ConnectionInterface::class,
        'VHttpd\\PhpWorker\\WebSocket\\CommandBuffer' => CommandBuffer::class,
    ];

    public static function register(): void
    {
        foreach (self::MAP as $alias => $original) {
            if (!class_exists($alias, false) && !interface_exists($alias, false)) {
                class_alias($original, $alias);
            }
        }
    }
}
