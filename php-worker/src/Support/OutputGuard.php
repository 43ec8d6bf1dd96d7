<?php

declare(strict_types=1);

namespace Dispatch\Worker\Support;

/**
 * Keeps stray output (echo, var_dump, printf in handlers) off STDOUT and
 * forwards it to STDERR, like roadrunner's StdoutHandler. STDOUT is not the
 * protocol channel here, but Dispatch treats it as log noise it never asked
 * for, and some deployments pipe it somewhere that must stay clean.
 */
final class OutputGuard
{
    /** @var resource */
    private $sink;

    /**
     * @param resource|null $sink where captured output goes (STDERR by default)
     */
    public function __construct($sink = null)
    {
        $this->sink = $sink ?? (defined('STDERR') ? STDERR : fopen('php://stderr', 'wb'));
    }

    /**
     * Process-wide net for output produced outside a handler call (app file
     * top level, shutdown functions). Not removable, so a handler calling
     * ob_end_clean() in a loop cannot take it down.
     */
    public function installGlobal(): void
    {
        $sink = $this->sink;
        ob_start(
            static function (string $buffer) use ($sink): string {
                if ($buffer !== '') {
                    @fwrite($sink, $buffer);
                }

                return '';
            },
            1,
            PHP_OUTPUT_HANDLER_CLEANABLE | PHP_OUTPUT_HANDLER_FLUSHABLE,
        );
    }

    /**
     * Runs $fn with its output captured; the output goes to the sink, tagged,
     * whether $fn returns or throws.
     *
     * @template T
     * @param callable(): T $fn
     * @return T
     */
    public function capture(callable $fn, string $label = 'handler output'): mixed
    {
        $level = ob_get_level();
        ob_start();
        try {
            return $fn();
        } finally {
            $out = '';
            // The handler may have opened buffers of its own and not closed them.
            while (ob_get_level() > $level) {
                $out = (string) ob_get_clean() . $out;
            }
            if ($out !== '') {
                @fwrite($this->sink, sprintf("[%s] %s%s", $label, $out, str_ends_with($out, "\n") ? '' : "\n"));
            }
        }
    }
}
