<?php

declare(strict_types=1);

namespace Dispatch\Worker\Support;

/**
 * Tells whether the Dispatch process that started this worker is gone.
 *
 * Two signals, because Dispatch may start the worker directly or through a
 * shell: the announced pid no longer exists, or we were re-parented (our own
 * parent died, even if the pid was already reused by something else).
 */
final class ParentWatch
{
    private const EPERM = 1;

    private readonly int $initialParent;

    public function __construct(private readonly ?int $parentPid)
    {
        $this->initialParent = function_exists('posix_getppid') ? posix_getppid() : 0;
    }

    public static function fromEnvironment(): self
    {
        $raw = getenv('DISPATCH_PARENT_PID');
        $pid = is_string($raw) && ctype_digit(trim($raw)) && (int) $raw > 0 ? (int) $raw : null;

        return new self($pid);
    }

    /** True when Dispatch announced itself as this worker's parent (it manages the worker's life). */
    public function isManaged(): bool
    {
        return $this->parentPid !== null;
    }

    public function isParentGone(): bool
    {
        if ($this->parentPid === null || !function_exists('posix_kill')) {
            // Without the pid or ext-posix nothing can be checked; EOF on the
            // socket still ends the worker once Dispatch has connected.
            return false;
        }
        if (posix_getppid() !== $this->initialParent) {
            return true;
        }
        if (!@posix_kill($this->parentPid, 0)) {
            // EPERM means the process exists but belongs to someone else.
            return posix_get_last_error() !== self::EPERM;
        }

        return false;
    }
}
