<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Compat;

use Dispatch\Worker\Compat\Aliases;
use Dispatch\Worker\WebSocket\App;
use Dispatch\Worker\WebSocket\CommandBuffer;
use Dispatch\Worker\WebSocket\ConnectionInterface;
use Dispatch\Worker\WebSocket\HostedConnection;
use PHPUnit\Framework\TestCase;

final class AliasesTest extends TestCase
{
    public function testContractNamesExistWithoutAutoloading(): void
    {
        // Parameter type checks never autoload, so the aliases must already be declared.
        self::assertTrue(class_exists('VPhp\VSlim\WebSocket\App', false));
        self::assertTrue(interface_exists('VPhp\VHttpd\PhpWorker\WebSocket\Connection', false));
    }

    public function testConnectionNameIsTheInterfaceBothModesImplement(): void
    {
        $reflection = new \ReflectionClass('VPhp\VHttpd\PhpWorker\WebSocket\Connection');

        self::assertSame(ConnectionInterface::class, $reflection->getName());
        self::assertInstanceOf('VPhp\VHttpd\PhpWorker\WebSocket\Connection', CommandBuffer::forEvent(['event' => 'open', 'id' => 'x']));
        self::assertInstanceOf('VPhp\VHttpd\PhpWorker\WebSocket\Connection', new HostedConnection('x', static fn (array $f) => null));
    }

    public function testAppNameIsTheProjectsApp(): void
    {
        self::assertInstanceOf(App::class, new \VPhp\VSlim\WebSocket\App());
    }

    public function testRegisteringTwiceIsHarmless(): void
    {
        Aliases::register();
        Aliases::register();

        foreach (Aliases::MAP as $alias => $original) {
            self::assertSame($original, (new \ReflectionClass($alias))->getName());
        }
    }
}
