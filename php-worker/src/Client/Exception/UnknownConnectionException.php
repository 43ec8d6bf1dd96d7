<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * 404 `unknown_connection`: no connection with that id on this Dispatch
 * (never existed, or already gone). DispatchClient::connection() returns
 * null instead of throwing this.
 */
final class UnknownConnectionException extends NotFoundException
{
}
