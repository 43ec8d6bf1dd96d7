<?php

declare(strict_types=1);

namespace Dispatch\Worker\Exception;

/**
 * Root of every exception this package throws on purpose.
 */
class DispatchException extends \RuntimeException
{
}
