<?php

declare(strict_types=1);

namespace Dispatch\Worker\Exception;

/**
 * A frame violates the wire format (CONTRACT 2): zero or oversized length, truncated payload. The connection cannot be resynchronised after this, so the worker ends it.
 */
final class FrameException extends DispatchException
{
}
