<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * 400: the body is not a JSON object (`invalid_json`) or fails validation
 * (`invalid_request`, see problems()). Nothing was sent or changed.
 */
final class InvalidRequestException extends ApiException
{
}
