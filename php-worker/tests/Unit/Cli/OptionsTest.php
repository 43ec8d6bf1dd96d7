<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit\Cli;

use Dispatch\Worker\Cli\Options;
use PHPUnit\Framework\TestCase;

final class OptionsTest extends TestCase
{
    public function testSpaceAndEqualsForms(): void
    {
        $a = Options::parse(['w', '--socket', '/s', '--app', 'a.php'], []);
        $b = Options::parse(['w', '--socket=/s', '--app=a.php'], []);

        foreach ([$a, $b] as $o) {
            self::assertSame('/s', $o->socket);
            self::assertSame('a.php', $o->app);
            self::assertSame([], $o->problems);
        }
    }

    public function testAppFallsBackToTheEnvironment(): void
    {
        self::assertSame('env.php', Options::parse(['w', '--socket', '/s'], ['DISPATCH_APP' => 'env.php'])->app);
        self::assertSame('cli.php', Options::parse(['w', '--socket', '/s', '--app', 'cli.php'], ['DISPATCH_APP' => 'env.php'])->app);
    }

    public function testMaxFrameBytesFromTheEnvironment(): void
    {
        self::assertSame(16777216, Options::parse(['w', '--socket', '/s'], [])->maxFrameBytes);
        self::assertSame(1024, Options::parse(['w', '--socket', '/s'], ['DISPATCH_MAX_FRAME_BYTES' => '1024'])->maxFrameBytes);
        self::assertNotSame([], Options::parse(['w', '--socket', '/s'], ['DISPATCH_MAX_FRAME_BYTES' => '-5'])->problems);
        self::assertNotSame([], Options::parse(['w', '--socket', '/s'], ['DISPATCH_MAX_FRAME_BYTES' => '1e6'])->problems);
    }

    public function testProblemsAreReported(): void
    {
        self::assertContains('missing --socket PATH', Options::parse(['w'], [])->problems);
        self::assertContains('--socket needs a value', Options::parse(['w', '--socket'], [])->problems);
        self::assertContains('unknown argument "--port"', Options::parse(['w', '--socket', '/s', '--port'], [])->problems);
    }
}
