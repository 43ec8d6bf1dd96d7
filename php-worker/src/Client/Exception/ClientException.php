<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * Root of everything the Dispatch API client throws on purpose: catch this
 * to handle "the push did not happen" in one place.
 */
abstract class ClientException extends \RuntimeException
{
}
