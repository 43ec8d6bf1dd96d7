<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * 404: an unknown route or worker index (wrong base URL, or an older Dispatch).
 */
class NotFoundException extends ApiException
{
}
