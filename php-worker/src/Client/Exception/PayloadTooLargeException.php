<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * 413: the request body is above the API's `MaxBodyBytes` (`payload_too_large`).
 */
final class PayloadTooLargeException extends ApiException
{
}
