<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * 401: the bearer token is missing or wrong (`unauthorized`).
 */
final class UnauthorizedException extends ApiException
{
}
