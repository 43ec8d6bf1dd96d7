<?php

declare(strict_types=1);

namespace Dispatch\Client\Exception;

/**
 * No HTTP answer at all: connection refused, DNS failure, timeout, or the
 * connection dropped mid-response. Whether the call took effect is unknown.
 */
final class TransportException extends ClientException
{
}
