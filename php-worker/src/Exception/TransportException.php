<?php

declare(strict_types=1);

namespace Dispatch\Worker\Exception;

/**
 * The byte stream itself failed: read/write error or peer gone mid-frame.
 */
final class TransportException extends DispatchException
{
}
