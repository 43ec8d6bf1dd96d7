<?php

declare(strict_types=1);

namespace Dispatch\Worker\Cli;

use Dispatch\Worker\Frame\FrameCodec;

/**
 * Command line and environment of `dispatch-worker`.
 */
final class Options
{
    private function __construct(
        public readonly string $socket,
        public readonly string $app,
        public readonly int $maxFrameBytes,
        public readonly bool $help,
        /** @var list<string> */
        public readonly array $problems,
    ) {
    }

    /**
     * @param list<string> $argv including the script name
     * @param array<string, string> $env
     */
    public static function parse(array $argv, array $env): self
    {
        $values = ['socket' => '', 'app' => ''];
        $problems = [];
        $help = false;
        $args = array_slice($argv, 1);
        for ($i = 0; $i < count($args); $i++) {
            $arg = $args[$i];
            if ($arg === '--help' || $arg === '-h') {
                $help = true;
                continue;
            }
            if (preg_match('/^--(socket|app)(?:=(.*))?$/s', $arg, $m) === 1) {
                if (isset($m[2])) {
                    $values[$m[1]] = $m[2];
                } elseif (isset($args[$i + 1])) {
                    $values[$m[1]] = $args[++$i];
                } else {
                    $problems[] = sprintf('--%s needs a value', $m[1]);
                }
                continue;
            }
            $problems[] = sprintf('unknown argument "%s"', $arg);
        }
        if ($values['app'] === '') {
            $values['app'] = $env['DISPATCH_APP'] ?? '';
        }
        if (!$help && $values['socket'] === '') {
            $problems[] = 'missing --socket PATH';
        }
        $max = FrameCodec::DEFAULT_MAX_FRAME_BYTES;
        $rawMax = trim($env['DISPATCH_MAX_FRAME_BYTES'] ?? '');
        if ($rawMax !== '') {
            if (ctype_digit($rawMax) && (int) $rawMax >= 1 && (int) $rawMax <= 0xFFFFFFFF) {
                $max = (int) $rawMax;
            } else {
                $problems[] = sprintf('DISPATCH_MAX_FRAME_BYTES must be an integer between 1 and 4294967295, got "%s"', $rawMax);
            }
        }

        return new self($values['socket'], $values['app'], $max, $help, $problems);
    }

    public static function usage(): string
    {
        return <<<'TXT'
            usage: dispatch-worker --socket PATH --app FILE

              --socket PATH   unix socket to listen on (parent directory is created, a stale file removed)
              --app FILE      PHP file returning the websocket handler (default: $DISPATCH_APP)

            environment:
              DISPATCH_APP              app file when --app is not given
              DISPATCH_PARENT_PID       exit when this process is gone (checked while waiting for Dispatch)
              DISPATCH_MAX_FRAME_BYTES  largest frame accepted or sent (default 16777216)

            TXT;
    }
}
